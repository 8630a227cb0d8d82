import Foundation
import GRDB
import KithCore

/// Changes inside one write transaction.
public struct StoreWriter {
  let db: Database

  public var reader: StoreReader { StoreReader(db: db) }

  /// Inserts or replaces a contact (its interactions and reminder state stay).
  public func save(_ contact: Contact) throws {
    func list(_ values: [String]) -> String {
      values.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
    }
    let dates = contact.dates.map {
      "\($0.label.replacingOccurrences(of: "\t", with: " "))\t\($0.date)"
    }
    try db.execute(
      sql: """
        INSERT INTO contact (id, name, circles, birthday, dates, every, emails, phones, linkedin,
          urls, company, position, notes, tags, met_on, added)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, circles = excluded.circles,
          birthday = excluded.birthday, dates = excluded.dates, every = excluded.every,
          emails = excluded.emails, phones = excluded.phones, linkedin = excluded.linkedin,
          urls = excluded.urls, company = excluded.company, position = excluded.position,
          notes = excluded.notes, tags = excluded.tags, met_on = excluded.met_on,
          added = excluded.added
        """,
      arguments: [
        contact.id, contact.name, list(contact.circles), contact.birthday?.description,
        list(dates), contact.every?.canonical, list(contact.emails), list(contact.phones),
        contact.linkedIn, list(contact.urls), contact.company, contact.position, contact.notes,
        list(contact.tags), contact.metOn?.description, contact.added.timeIntervalSince1970,
      ])
  }

  /// Removes a contact with its interactions and reminder state.
  public func delete(contactID: String) throws {
    try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [contactID])
  }

  public func add(_ interaction: Interaction) throws {
    try db.execute(
      sql:
        "INSERT INTO interaction (contact_id, date, logged_at, kind, note) VALUES (?, ?, ?, ?, ?)",
      arguments: [
        interaction.contactID, interaction.date.description,
        interaction.loggedAt.timeIntervalSince1970, interaction.kind, interaction.note,
      ])
  }

  public func save(_ state: OccurrenceState) throws {
    try db.execute(
      sql: """
        INSERT INTO occurrence (contact_id, kind, occurrence, snoozed_until, done_at, announced_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(contact_id, kind, occurrence) DO UPDATE SET
          snoozed_until = excluded.snoozed_until, done_at = excluded.done_at,
          announced_at = excluded.announced_at
        """,
      arguments: [
        state.contactID, state.kind.rawValue, state.occurrence.description,
        state.snoozedUntil?.timeIntervalSince1970, state.doneAt?.timeIntervalSince1970,
        state.announcedAt?.timeIntervalSince1970,
      ])
  }

  /// Records that a reminder was announced, in its state and in the announcement log.
  public func recordAnnouncement(_ reminder: Reminder, at instant: Date) throws {
    var state =
      try reader.occurrenceStates(contactID: reminder.contactID)[
        OccurrenceState.Key(kind: reminder.kind, occurrence: reminder.occurrence)]
      ?? OccurrenceState(
        contactID: reminder.contactID, kind: reminder.kind, occurrence: reminder.occurrence)
    state.announcedAt = instant
    try save(state)
    try db.execute(
      sql: """
        INSERT INTO announcement (reminder_id, contact_id, kind, occurrence, due, announced_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        reminder.id, reminder.contactID, reminder.kind.rawValue, reminder.occurrence.description,
        reminder.due.timeIntervalSince1970, instant.timeIntervalSince1970,
      ])
  }
}
