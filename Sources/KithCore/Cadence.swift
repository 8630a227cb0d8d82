import Foundation

/// How often to keep in touch: a count of calendar units, such as "3 months".
public struct Cadence: Hashable, Sendable, Codable, CustomStringConvertible {
  public enum Unit: String, Sendable, CaseIterable {
    case day, week, month, year
  }

  public let count: Int
  public let unit: Unit

  public init?(count: Int, unit: Unit) {
    guard count >= 1, count <= 1000 else { return nil }
    self.count = count
    self.unit = unit
  }

  /// The accepted spellings, for error messages.
  public static let acceptedForms =
    "\"N days\", \"N weeks\", \"N months\", \"N years\" (or 2w, 3m...), \"weekly\", "
    + "\"fortnightly\", \"monthly\", \"quarterly\", \"yearly\""

  /// Parses "1 month", "3 months", "2 weeks", "10d", "6m", "1y", "monthly", "quarterly"…
  public init?(_ text: some StringProtocol) {
    let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    let named: [String: (Int, Unit)] = [
      "daily": (1, .day), "weekly": (1, .week), "fortnightly": (2, .week),
      "biweekly": (2, .week), "monthly": (1, .month), "bimonthly": (2, .month),
      "quarterly": (3, .month), "semiannually": (6, .month), "half-yearly": (6, .month),
      "yearly": (1, .year), "annually": (1, .year),
    ]
    if let (count, unit) = named[lower] {
      self.init(count: count, unit: unit)
      return
    }
    let digits = lower.prefix(while: \.isNumber)
    let rest = lower.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    guard !digits.isEmpty, digits.count <= 4, let count = Int(digits) else { return nil }
    let units: [String: Unit] = [
      "d": .day, "day": .day, "days": .day, "w": .week, "week": .week, "weeks": .week,
      "m": .month, "month": .month, "months": .month, "y": .year, "year": .year,
      "years": .year,
    ]
    guard let unit = units[rest] else { return nil }
    self.init(count: count, unit: unit)
  }

  /// Adds the cadence to a date in calendar units; months clamp to the month's last day.
  public func advance(_ date: CivilDate) -> CivilDate {
    switch unit {
    case .day: date.adding(days: count)
    case .week: date.adding(days: 7 * count)
    case .month: date.adding(months: count)
    case .year: date.adding(months: 12 * count)
    }
  }

  /// Average length in days, to pick the shortest of several cadences.
  public var approximateDays: Double {
    switch unit {
    case .day: Double(count)
    case .week: Double(7 * count)
    case .month: Double(count) * 30.436875
    case .year: Double(count) * 365.2425
    }
  }

  /// Canonical text that parses back to the same value: "3 months".
  public var canonical: String {
    "\(count) \(unit.rawValue)\(count == 1 ? "" : "s")"
  }

  /// For people: "every month", "every 3 months".
  public var description: String {
    count == 1 ? "every \(unit.rawValue)" : "every \(count) \(unit.rawValue)s"
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let cadence = Cadence(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a cadence: \(text)"))
    }
    self = cadence
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(canonical)
  }
}
