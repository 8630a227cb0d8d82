import Foundation
import KithCore
import Testing

/// A zone the rules are pinned to, with its UTC offsets in northern winter and summer, so that
/// zone-independent cases can state their expected instants as ISO 8601 with an offset.
struct Zone: Sendable, CustomStringConvertible {
  let id: String
  let january: String
  let july: String

  static let newYork = Zone(id: "America/New_York", january: "-05:00", july: "-04:00")
  static let berlin = Zone(id: "Europe/Berlin", january: "+01:00", july: "+02:00")
  static let kolkata = Zone(id: "Asia/Kolkata", january: "+05:30", july: "+05:30")
  static let auckland = Zone(id: "Pacific/Auckland", january: "+13:00", july: "+12:00")
  /// Every zone-independent rule runs in all of these.
  static let all = [newYork, berlin, kolkata, auckland]

  var timeZone: TimeZone { TimeZone(identifier: id)! }
  var calendar: LocalCalendar { LocalCalendar(timeZone: timeZone) }
  var description: String { id }

  /// `local` ("2027-01-15T09:00:00") with this zone's offset; only for dates far from DST
  /// changes in all four zones (Dec 1 to Mar 7, May to Aug).
  func iso(_ local: String) -> String {
    let date = CivilDate(local.prefix(10))!
    switch (date.month, date.day) {
    case (12, _), (1, _), (2, _), (3, 1...7): return local + january
    case (5...8, _): return local + july
    default:
      Issue.record("\(local) is too close to a DST change for a zone-independent expectation")
      return local
    }
  }

  /// The instant written `local` in this zone.
  func at(_ local: String) -> Date { instant(iso(local)) }

  /// The instant as this zone writes it, for comparing with expected ISO 8601 text.
  func show(_ instant: Date?) -> String? { instant.map(calendar.iso8601) }

  /// A planner in this zone; other settings as in ``Policy/make(zone:notifyAt:days:renotifyDays:circles:lead:feb29:)``.
  func planner(
    notifyAt: String = "09:00", days: Set<Weekday> = Set(Weekday.allCases),
    renotifyDays: Int? = 1, circles: [String: String] = Policy.standardCircles, lead: Int = 0,
    feb29: Policy.Feb29Rule = .feb28
  ) -> Planner {
    Planner(
      policy: .make(
        zone: self, notifyAt: notifyAt, days: days, renotifyDays: renotifyDays, circles: circles,
        lead: lead, feb29: feb29))
  }
}

/// `YYYY-MM-DD` as a civil date; crashes on a typo in the test itself.
func day(_ text: String) -> CivilDate { CivilDate(text)! }

/// An instant written as ISO 8601 with an offset or `Z`.
func instant(_ text: String) -> Date {
  guard let date = LocalCalendar.parseISO8601(text) else {
    preconditionFailure("bad ISO 8601 in a test: \(text)")
  }
  return date
}

func wall(_ text: String) -> WallTime { WallTime(text)! }

let weekdays: Set<Weekday> = [.mon, .tue, .wed, .thu, .fri]

extension Contact {
  /// A contact with defaults for everything a test does not care about.
  static func make(
    id: String = "ada", name: String? = nil, circles: [String] = ["core"],
    birthday: String? = nil, dates: [String: String] = [:], every: String? = nil,
    added: Date = instant("2027-01-01T12:00:00Z")
  ) -> Contact {
    Contact(
      id: id, name: name ?? id.capitalized, circles: circles,
      birthday: birthday.map { MonthDay($0)! },
      dates: dates.sorted(by: { $0.key < $1.key }).map {
        LabelledDate(label: $0.key, date: MonthDay($0.value)!)
      },
      every: every.map { Cadence($0)! }, added: added)
  }
}

extension Policy {
  static let standardCircles = [
    "core": "1 month", "friends": "2 months", "recruiters": "3 months", "colleagues": "6 months",
  ]

  static func make(
    zone: Zone = .berlin, notifyAt: String = "09:00", days: Set<Weekday> = Set(Weekday.allCases),
    renotifyDays: Int? = 1, circles: [String: String] = standardCircles, lead: Int = 0,
    feb29: Feb29Rule = .feb28
  ) -> Policy {
    Policy(
      timeZone: zone.timeZone, notifyAt: wall(notifyAt), days: days, renotifyDays: renotifyDays,
      circles: circles.mapValues { Cadence($0)! }, lead: lead, feb29: feb29)
  }
}

extension Planner {
  /// The reminder of `kind` among the contact's current ones.
  func current(
    _ kind: ReminderKind, for contact: Contact, lastContact: CivilDate? = nil,
    states: [OccurrenceState] = [], now: Date
  ) -> Reminder? {
    reminders(for: contact, lastContact: lastContact, states: keyed(states), now: now)
      .first { $0.kind == kind }
  }
}

/// Occurrence states keyed the way ``Planner`` takes them.
func keyed(_ states: [OccurrenceState]) -> [OccurrenceState.Key: OccurrenceState] {
  Dictionary(uniqueKeysWithValues: states.map { ($0.key, $0) })
}
