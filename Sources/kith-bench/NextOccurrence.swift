import Foundation
import KithCore

/// One line of `contacts.tsv`: the contact and the date of its last interaction.
struct LoadedContact {
  var contact: Contact
  var lastContact: CivilDate?
}

/// A line of `contacts.tsv` that cannot be read.
struct DatasetError: Error, CustomStringConvertible {
  var line: Int
  var message: String

  var description: String { "contacts.tsv line \(line): \(message)" }
}

/// Reads `contacts.tsv` as written by ``DatasetGenerator``.
///
/// Works on the bytes: splitting a 100,000-line `String` by `Character` costs more than
/// planning every contact.
enum DatasetLoader {
  static let tab = UInt8(ascii: "\t")
  static let newline = UInt8(ascii: "\n")

  /// Parses every line; each contact counts as added at `added`.
  static func load(_ url: URL, added: Date) throws -> [LoadedContact] {
    let data = try Data(contentsOf: url)
    return try data.withUnsafeBytes { buffer in
      try load(buffer.bindMemory(to: UInt8.self), added: added)
    }
  }

  static func load(_ bytes: UnsafeBufferPointer<UInt8>, added: Date) throws -> [LoadedContact] {
    var result: [LoadedContact] = []
    result.reserveCapacity(bytes.count / 48)
    // Contacts share a handful of circle lists; make each array once.
    var circleLists: [String: [String]] = [:]
    var lineNumber = 0
    var start = 0
    // Reused for every line, so splitting allocates nothing.
    var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
    fields.reserveCapacity(8)
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != newline { end += 1 }
      lineNumber += 1
      let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
      start = end + 1
      if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
      fields.removeAll(keepingCapacity: true)
      var fieldStart = line.startIndex
      for index in line.indices where line[index] == tab {
        fields.append(line[fieldStart..<index])
        fieldStart = index + 1
      }
      fields.append(line[fieldStart...])
      guard fields.count == 6 else {
        throw DatasetError(line: lineNumber, message: "expected 6 tab-separated fields")
      }
      let field = { (index: Int) in String(decoding: fields[index], as: UTF8.self) }
      var birthday: MonthDay?
      if !fields[3].isEmpty {
        guard let value = monthDay(fields[3]) else {
          throw DatasetError(line: lineNumber, message: "bad birthday \(field(3))")
        }
        birthday = value
      }
      var lastContact: CivilDate?
      if !fields[4].isEmpty {
        guard let (year, month, day) = yearMonthDay(fields[4]),
          let value = CivilDate(year: year, month: month, day: day)
        else {
          throw DatasetError(line: lineNumber, message: "bad interaction date \(field(4))")
        }
        lastContact = value
      }
      var dates: [LabelledDate] = []
      for entry in fields[5].split(separator: UInt8(ascii: ";")) {
        let parts = entry.split(separator: UInt8(ascii: "="), maxSplits: 1)
        guard parts.count == 2, let date = monthDay(parts[1]) else {
          let text = String(decoding: entry, as: UTF8.self)
          throw DatasetError(line: lineNumber, message: "bad yearly date \(text)")
        }
        dates.append(LabelledDate(label: String(decoding: parts[0], as: UTF8.self), date: date))
      }
      let circleText = field(2)
      let circles: [String]
      if let known = circleLists[circleText] {
        circles = known
      } else {
        circles = circleText.split(separator: ",").map(String.init)
        circleLists[circleText] = circles
      }
      let contact = Contact(
        id: field(0), name: field(1), circles: circles, birthday: birthday, dates: dates,
        added: added)
      result.append(LoadedContact(contact: contact, lastContact: lastContact))
    }
    return result
  }

  /// Parses `YYYY-MM-DD` into its numbers, unchecked beyond the shape.
  static func yearMonthDay(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> (Int, Int, Int)? {
    guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"),
      let year = number(bytes.prefix(4)), let rest = monthAndDay(bytes.dropFirst(5))
    else { return nil }
    return (year, rest.month, rest.day)
  }

  /// Parses `--MM-DD`, `MM-DD` or `YYYY-MM-DD` as ``MonthDay`` does.
  static func monthDay(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> MonthDay? {
    if let (year, month, day) = yearMonthDay(bytes) {
      guard CivilDate(year: year, month: month, day: day) != nil else { return nil }
      return MonthDay(month: month, day: day, year: year)
    }
    var body = bytes[...]
    if body.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { body = body.dropFirst(2) }
    guard let (month, day) = monthAndDay(body) else { return nil }
    return MonthDay(month: month, day: day)
  }

  /// Parses `MM-DD` into its numbers.
  static func monthAndDay(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> (month: Int, day: Int)? {
    guard bytes.count == 5, bytes[bytes.startIndex + 2] == UInt8(ascii: "-"),
      let month = number(bytes.prefix(2)), let day = number(bytes.suffix(2))
    else { return nil }
    return (month, day)
  }

  /// Decimal digits only, no sign.
  static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
    var value = 0
    for byte in bytes {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

/// Times the planner computing the current reminders of every contact.
struct NextOccurrenceBenchmark {
  /// What one pass computed, summed so that the work cannot be optimised away.
  struct Checksum: Equatable {
    var reminders = 0
    var dueSeconds = 0
    var dueNow = 0
  }

  let planner: Planner
  let now: Date

  /// The policy of the default configuration: four circles, 09:00, every day of the week.
  static func defaultPolicy(timeZone: TimeZone) -> Policy {
    Policy(
      timeZone: timeZone, notifyAt: .nine, days: Set(Weekday.allCases),
      circles: [
        "core": Cadence(count: 1, unit: .month)!,
        "friends": Cadence(count: 2, unit: .month)!,
        "recruiters": Cadence(count: 3, unit: .month)!,
        "colleagues": Cadence(count: 6, unit: .month)!,
      ])
  }

  /// Computes every contact's reminders once.
  func run(_ contacts: [LoadedContact]) -> Checksum {
    var checksum = Checksum()
    let noStates: [OccurrenceState.Key: OccurrenceState] = [:]
    // By index, so that each contact is borrowed rather than copied.
    for index in contacts.indices {
      let reminders = planner.reminders(
        for: contacts[index].contact, lastContact: contacts[index].lastContact,
        states: noStates, now: now)
      for reminder in reminders {
        checksum.reminders += 1
        checksum.dueSeconds &+= Int(reminder.due.timeIntervalSince1970)
        if reminder.phase == .due { checksum.dueNow += 1 }
      }
    }
    return checksum
  }

  /// Writes every reminder, one a line, untimed: for checking that a faster planner computes
  /// the same answers.
  func dump(_ contacts: [LoadedContact], calendar: LocalCalendar, to url: URL) throws {
    var text = ""
    let noStates: [OccurrenceState.Key: OccurrenceState] = [:]
    for entry in contacts {
      for reminder in planner.reminders(
        for: entry.contact, lastContact: entry.lastContact, states: noStates, now: now)
      {
        let fields = [
          reminder.id, reminder.contactID, reminder.contactName, reminder.kind.rawValue,
          reminder.occurrence.description, calendar.iso8601(reminder.scheduled),
          calendar.iso8601(reminder.due), reminder.circle ?? "",
          reminder.cadence?.canonical ?? "", reminder.phase.rawValue,
        ]
        text += fields.joined(separator: "\t") + "\n"
      }
    }
    try Data(text.utf8).write(to: url)
  }
}

extension Duration {
  /// The duration in seconds, as a floating-point number.
  var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) * 1e-18
  }
}
