/// One all-day event for `kith export --ics`, such as a birthday.
public struct CalendarEvent: Sendable, Equatable {
  /// Stable identifier, so that re-imports update rather than duplicate the event.
  public var uid: String
  /// The event title.
  public var summary: String
  /// Optional longer text.
  public var description: String?
  /// Year of the first occurrence.
  public var year: Int
  /// Month, 1 to 12.
  public var month: Int
  /// Day of the month.
  public var day: Int
  /// Whether the event repeats every year.
  public var yearly: Bool

  /// Creates an event.
  public init(
    uid: String, summary: String, description: String? = nil, year: Int, month: Int, day: Int,
    yearly: Bool
  ) {
    self.uid = uid
    self.summary = summary
    self.description = description
    self.year = year
    self.month = month
    self.day = day
    self.yearly = yearly
  }
}
