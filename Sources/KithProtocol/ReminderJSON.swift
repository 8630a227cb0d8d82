import Foundation
import KithCore

/// A reminder as `--json` and the socket show it; the first seven fields are pinned.
public struct ReminderJSON: Codable, Sendable, Equatable {
  public var id: String
  public var contactID: String
  public var contact: String
  /// `touch`, `birthday`, `date:<label>` or `followup`.
  public var kind: String
  /// ISO 8601 with the local offset.
  public var due: String
  /// The circle whose cadence applies; null for dated kinds.
  public var circle: String?
  /// `scheduled`, `due` or `snoozed`.
  public var state: String
  /// When the rules made it due, before any snooze.
  public var scheduled: String
  /// The date naming this occurrence.
  public var occurrence: String
  /// "every 3 months" for keep-in-touch reminders.
  public var cadence: String?

  enum CodingKeys: String, CodingKey {
    case id
    case contactID = "contact_id"
    case contact, kind, due, circle, state, scheduled, occurrence, cadence
  }

  public init(_ reminder: Reminder, calendar: LocalCalendar, now: Date) {
    id = reminder.id
    contactID = reminder.contactID
    contact = reminder.contactName
    kind = reminder.kind.rawValue
    due = calendar.iso8601(reminder.due)
    circle = reminder.circle
    state = reminder.phase(at: now).rawValue
    scheduled = calendar.iso8601(reminder.scheduled)
    occurrence = reminder.occurrence.description
    cadence = reminder.cadence?.description
  }

  /// Writes every pinned field, `circle` as null when absent.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(contactID, forKey: .contactID)
    try container.encode(contact, forKey: .contact)
    try container.encode(kind, forKey: .kind)
    try container.encode(due, forKey: .due)
    try container.encode(circle, forKey: .circle)
    try container.encode(state, forKey: .state)
    try container.encode(scheduled, forKey: .scheduled)
    try container.encode(occurrence, forKey: .occurrence)
    try container.encodeIfPresent(cadence, forKey: .cadence)
  }

  public var dueDate: Date? { LocalCalendar.parseISO8601(due) }
}
