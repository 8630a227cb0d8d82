/// A local time of day to the minute, such as the 09:00 at which reminders are announced.
public struct WallTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let hour: Int
  public let minute: Int

  public init?(hour: Int, minute: Int) {
    guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
    self.hour = hour
    self.minute = minute
  }

  /// Parses `HH:MM` (one-digit hours accepted).
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
      let h = Int(parts[0]), let m = Int(parts[1])
    else { return nil }
    self.init(hour: h, minute: m)
  }

  public var secondsIntoDay: Int { hour * 3600 + minute * 60 }

  public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
    lhs.secondsIntoDay < rhs.secondsIntoDay
  }

  public var description: String {
    "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
  }

  public static let nine = WallTime(hour: 9, minute: 0)!
}
