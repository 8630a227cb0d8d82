/// A day of the week, Monday first as in ISO 8601.
public enum Weekday: String, CaseIterable, Sendable, Codable, Comparable {
  case mon, tue, wed, thu, fri, sat, sun

  /// Parses "mon", "Monday", "MON"…
  public init?(name: some StringProtocol) {
    let lower = name.lowercased()
    guard lower.count >= 3,
      let match = Weekday.allCases.first(where: {
        lower.hasPrefix($0.rawValue) && $0.fullName.hasPrefix(lower)
      })
    else { return nil }
    self = match
  }

  public var fullName: String {
    switch self {
    case .mon: "monday"
    case .tue: "tuesday"
    case .wed: "wednesday"
    case .thu: "thursday"
    case .fri: "friday"
    case .sat: "saturday"
    case .sun: "sunday"
    }
  }

  public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
