import Foundation

/// Converts between instants and local civil time in one time zone, with kith's DST rules.
///
/// A local time inside a spring-forward gap moves forward by the gap (02:30 becomes 03:30);
/// an ambiguous fall-back time takes the earlier instant.
public struct LocalCalendar: Sendable, Equatable {
  public let timeZone: TimeZone
  /// Answers of ``instant(_:secondsIntoDay:)`` already worked out: each costs several
  /// time-zone lookups, and the same few days recur across contacts.
  private let instants = Memo()
  /// The offset of each UTC day that has no transition in it; `Memo.mixed` for one that has.
  private let dayOffsets = Memo()

  public init(timeZone: TimeZone) {
    self.timeZone = timeZone
  }

  public static func == (lhs: LocalCalendar, rhs: LocalCalendar) -> Bool {
    lhs.timeZone == rhs.timeZone
  }

  /// The instant at which the local clock reads `time` on `date`.
  public func instant(_ date: CivilDate, _ time: WallTime) -> Date {
    instant(date, secondsIntoDay: time.secondsIntoDay)
  }

  /// The instant at which the local clock reads `seconds` past midnight on `date`.
  public func instant(_ date: CivilDate, secondsIntoDay seconds: Int) -> Date {
    let local = date.dayNumber * 86_400 + seconds
    let utc = instants.value(for: local) { utcSeconds(atLocal: local) }
    return Date(timeIntervalSince1970: TimeInterval(utc))
  }

  /// The UTC seconds at which the local clock reads `local` seconds since the local epoch.
  private func utcSeconds(atLocal local: Int) -> Int {
    let before = offset(at: local - 86_400)
    let after = offset(at: local + 86_400)
    var best: Int?
    // The candidates are the offsets a day before and after; check each distinct one once.
    let utcBefore = local - before
    if offset(at: utcBefore) == before { best = utcBefore }
    if after != before {
      let utcAfter = local - after
      if offset(at: utcAfter) == after { best = min(best ?? utcAfter, utcAfter) }
    }
    // In a gap no candidate round-trips: keep the offset from before the gap, which lands
    // the same distance past the transition as the wall time was past its start.
    return best ?? local - before
  }

  /// The local date at `instant`.
  public func date(of instant: Date) -> CivilDate {
    CivilDate(dayNumber: Self.floorDiv(localSeconds(instant), 86_400))
  }

  /// Seconds since local midnight at `instant`.
  public func secondsIntoDay(of instant: Date) -> Int {
    let local = localSeconds(instant)
    return local - Self.floorDiv(local, 86_400) * 86_400
  }

  /// ISO 8601 with the local offset: `2027-03-14T03:30:00-04:00`.
  public func iso8601(_ instant: Date) -> String {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    let offset = timeZone.secondsFromGMT(for: instant)
    let local = seconds + offset
    let day = Self.floorDiv(local, 86_400)
    let inDay = local - day * 86_400
    let sign = offset < 0 ? "-" : "+"
    let magnitude = abs(offset)
    return "\(CivilDate(dayNumber: day))T\(Self.two(inDay / 3600)):\(Self.two(inDay % 3600 / 60))"
      + ":\(Self.two(inDay % 60))\(sign)\(Self.two(magnitude / 3600)):\(Self.two(magnitude % 3600 / 60))"
  }

  /// Parses ISO 8601 as written by ``iso8601(_:)`` or with a `Z`.
  ///
  /// Reads `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM` by hand: listings parse one per row,
  /// and a date formatter costs more to make than the whole row to print.
  public static func parseISO8601(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count == 20 || bytes.count == 25, bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let date = CivilDate(text.prefix(10)),
      let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2),
      let second = number(bytes, 17, 2), hour < 24, minute < 60, second < 60
    else { return nil }
    var offset = 0
    if bytes.count == 20 {
      guard bytes[19] == UInt8(ascii: "Z") else { return nil }
    } else {
      guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"),
        bytes[22] == UInt8(ascii: ":"), let h = number(bytes, 20, 2), let m = number(bytes, 23, 2),
        h < 24, m < 60
      else { return nil }
      offset = (h * 3600 + m * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
    }
    let local = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: TimeInterval(local - offset))
  }

  private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for byte in bytes[start..<(start + count)] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  private func localSeconds(_ instant: Date) -> Int {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    return seconds + offset(ofUTC: seconds, instant)
  }

  /// The zone's offset at `seconds`, from the day memo when that day has one offset all day.
  private func offset(ofUTC seconds: Int, _ instant: Date) -> Int {
    let day = Self.floorDiv(seconds, 86_400)
    let known = dayOffsets.value(for: day) {
      let start = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
      let end = start.addingTimeInterval(86_400)
      let next = timeZone.nextDaylightSavingTimeTransition(after: start)
      let first = timeZone.secondsFromGMT(for: start)
      guard next.map({ $0 >= end }) ?? true, timeZone.secondsFromGMT(for: end - 1) == first
      else { return Memo.mixed }
      return first
    }
    return known == Memo.mixed ? timeZone.secondsFromGMT(for: instant) : known
  }

  private func offset(at utcSeconds: Int) -> Int {
    timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds)))
  }

  static func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  private static func two(_ n: Int) -> String {
    n < 10 ? "0\(n)" : String(n)
  }
}

/// A bounded, thread-safe memo of integers, such as local seconds to UTC seconds.
private final class Memo: @unchecked Sendable {
  /// A value no computation returns, for "not memoisable".
  static let mixed = Int.min

  /// Decades of days at a few times of day; emptied when full.
  private static let limit = 16_384
  private let lock = NSLock()
  private var table: [Int: Int] = [:]

  func value(for local: Int, compute: () -> Int) -> Int {
    lock.lock()
    let known = table[local]
    lock.unlock()
    if let known { return known }
    let value = compute()
    lock.lock()
    if table.count >= Self.limit { table.removeAll() }
    table[local] = value
    lock.unlock()
    return value
  }
}
