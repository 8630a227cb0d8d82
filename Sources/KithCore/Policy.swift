import Foundation

/// What the time rules need from the configuration: zone, delivery time and days, cadences.
public struct Policy: Sendable, Equatable {
  /// What to do with Feb 29 dates in common years.
  public enum Feb29Rule: String, Sendable, CaseIterable {
    case feb28, mar1
  }

  public var timeZone: TimeZone
  public var notifyAt: WallTime
  /// Delivery days for keep-in-touch reminders.
  public var days: Set<Weekday>
  /// Days between announcements of a reminder left unanswered; nil: announce once.
  public var renotifyDays: Int?
  public var circles: [String: Cadence]
  /// Days before a birthday or yearly date to announce it.
  public var lead: Int
  public var feb29: Feb29Rule

  public init(
    timeZone: TimeZone = .current, notifyAt: WallTime = .nine,
    days: Set<Weekday> = Set(Weekday.allCases), renotifyDays: Int? = 1,
    circles: [String: Cadence] = [:], lead: Int = 0, feb29: Feb29Rule = .feb28
  ) {
    self.timeZone = timeZone
    self.notifyAt = notifyAt
    self.days = days
    self.renotifyDays = renotifyDays
    self.circles = circles
    self.lead = lead
    self.feb29 = feb29
  }

  public var calendar: LocalCalendar { LocalCalendar(timeZone: timeZone) }
}
