/// A date that comes back every year, such as a birthday, optionally with the year it started.
public struct YearlyDate: Equatable, Hashable, Sendable, Codable {
  /// "birthday", "anniversary", or the label the source gave ("Died", "work anniversary").
  public var label: String
  /// Month of the year, 1 to 12.
  public var month: Int
  /// Day of the month, 1 to 31.
  public var day: Int
  /// The year, or nil when the source omits it (`--MMDD`, Apple's 1604 sentinel).
  public var year: Int?

  /// Creates a yearly date; the caller is responsible for a valid month and day.
  public init(label: String, month: Int, day: Int, year: Int? = nil) {
    self.label = label
    self.month = month
    self.day = day
    self.year = year
  }

  /// ISO 8601 text: `YYYY-MM-DD`, or `--MM-DD` without a year.
  public var isoText: String {
    let monthDay = "\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    guard let year else { return "--" + monthDay }
    return "\(Self.pad(year, 4))-" + monthDay
  }

  /// ISO 8601 basic text as vCard uses it: `YYYYMMDD`, or `--MMDD` without a year.
  public var basicText: String {
    let monthDay = Self.pad(month, 2) + Self.pad(day, 2)
    guard let year else { return "--" + monthDay }
    return Self.pad(year, 4) + monthDay
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
