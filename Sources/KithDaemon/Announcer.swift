import Foundation
import KithCore
import KithEngine
import KithSystem
import Logging

/// Writes kith's events to the journal: one structured entry per announcement.
struct Announcer {
  /// Fixed MESSAGE_IDs, so `journalctl MESSAGE_ID=…` finds one kind of event.
  enum MessageID {
    static let due = "f3b6a1c0d2e84f5a9c7e1b2d3a4f5e60"
    static let acked = "8e2d4c6a0b1f4e3d9a8c7b6e5d4c3b21"
    static let snoozed = "1a9f8e7d6c5b4a39b2c1d0e9f8a7b6c5"
    static let configRejected = "c4d5e6f708192a3b4c5d6e7f8091a2b3"
  }

  let logger: Logger
  let journal: Bool

  init(logger: Logger, journal: Bool = Journal.isAvailable) {
    self.logger = logger
    self.journal = journal
  }

  /// "Time to reach out to Ada Lovelace (core, every month; last: 2026-10-02 coffee)"
  static func message(for reminder: Reminder, lastContact: String?, calendar: LocalCalendar)
    -> String
  {
    switch reminder.kind {
    case .touch, .followup:
      var details: [String] = []
      if let circle = reminder.circle { details.append(circle) }
      if let cadence = reminder.cadence { details.append(cadence.description) }
      var text = "Time to reach out to \(reminder.contactName)"
      let last = lastContact ?? "never contacted"
      text += " (\(details.joined(separator: ", "))\(details.isEmpty ? "" : "; ")\(last))"
      return text
    case .birthday:
      return "\(reminder.contactName)'s birthday: \(when(reminder, calendar))"
    case .date(let label):
      return "\(reminder.contactName)'s \(label): \(when(reminder, calendar))"
    }
  }

  private static func when(_ reminder: Reminder, _ calendar: LocalCalendar) -> String {
    let today = calendar.date(of: reminder.due)
    let days = today.days(until: reminder.occurrence)
    switch days {
    case 0: return "today (\(reminder.occurrence))"
    case 1: return "tomorrow (\(reminder.occurrence))"
    case 2...: return "in \(days) days (\(reminder.occurrence))"
    default: return "\(reminder.occurrence)"
    }
  }

  func announce(_ reminder: Reminder, message: String, calendar: LocalCalendar) {
    send(messageID: MessageID.due, priority: 5, message: message, reminder, calendar)
  }

  func event(_ event: EngineEvent, calendar: LocalCalendar) {
    let id = event.kind == .acked ? MessageID.acked : MessageID.snoozed
    send(messageID: id, priority: 6, message: event.message, event.reminder, calendar)
  }

  func configRejected(_ message: String, path: String) {
    let text = "Config \(path) rejected, keeping the previous one: \(message)"
    guard journal else {
      logger.error("\(text)")
      return
    }
    do {
      try Journal.send([
        ("MESSAGE", text), ("PRIORITY", "3"), ("MESSAGE_ID", MessageID.configRejected),
        ("SYSLOG_IDENTIFIER", "kithd"), ("KITH_CONFIG", path),
      ])
    } catch {
      logger.error("\(text)")
    }
  }

  private func send(
    messageID: String, priority: Int, message: String, _ reminder: Reminder,
    _ calendar: LocalCalendar
  ) {
    guard journal else {
      logger.notice("\(message)", metadata: ["reminder": "\(reminder.id)"])
      return
    }
    var fields: [(String, String)] = [
      ("MESSAGE", message), ("PRIORITY", String(priority)), ("MESSAGE_ID", messageID),
      ("SYSLOG_IDENTIFIER", "kithd"), ("KITH_REMINDER_ID", reminder.id),
      ("KITH_CONTACT", reminder.contactName), ("KITH_CONTACT_ID", reminder.contactID),
      ("KITH_KIND", reminder.kind.rawValue), ("KITH_DUE", calendar.iso8601(reminder.due)),
    ]
    if let circle = reminder.circle { fields.append(("KITH_CIRCLE", circle)) }
    do {
      try Journal.send(fields)
    } catch {
      logger.error("Failed to write to the journal: \(error); \(message)")
    }
  }
}
