import Foundation
import GRDB
import KithCore

/// Queries over one read snapshot.
public struct StoreReader {
  let db: Database

  public func contacts() throws -> [Contact] {
    // A cursor decodes each row in place; fetchAll would copy 100,000 rows first.
    var contacts: [Contact] = []
    let rows = try Row.fetchCursor(
      db, sql: "SELECT \(Self.contactColumns) FROM contact ORDER BY id")
    while let row = try rows.next() { contacts.append(Self.contact(row)) }
    return contacts
  }

  public func contact(id: String) throws -> Contact? {
    try Row.fetchOne(
      db, sql: "SELECT \(Self.contactColumns) FROM contact WHERE id = ?", arguments: [id]
    ).map(Self.contact)
  }

  public func contactCount() throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact") ?? 0
  }

  /// The date of each contact's latest interaction.
  public func lastContactDates() throws -> [String: CivilDate] {
    var result: [String: CivilDate] = [:]
    let rows = try Row.fetchCursor(
      db, sql: "SELECT contact_id, MAX(date) AS last FROM interaction GROUP BY contact_id")
    while let row = try rows.next() {
      if let date = CivilDate(row["last"] as String) { result[row["contact_id"]] = date }
    }
    return result
  }

  public func lastContactDate(contactID: String) throws -> CivilDate? {
    try String.fetchOne(
      db, sql: "SELECT MAX(date) FROM interaction WHERE contact_id = ?", arguments: [contactID]
    ).flatMap { CivilDate($0) }
  }

  public func interactions(contactID: String) throws -> [Interaction] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM interaction WHERE contact_id = ? ORDER BY date DESC, logged_at DESC",
      arguments: [contactID]
    ).compactMap(Self.interaction)
  }

  /// Every interaction, oldest first, for backups.
  public func allInteractions() throws -> [Interaction] {
    try Row.fetchAll(db, sql: "SELECT * FROM interaction ORDER BY contact_id, date, logged_at")
      .compactMap(Self.interaction)
  }

  static func interaction(_ row: Row) -> Interaction? {
    guard let date = CivilDate(row["date"] as String) else { return nil }
    return Interaction(
      contactID: row["contact_id"], date: date,
      loggedAt: Date(timeIntervalSince1970: row["logged_at"]), kind: row["kind"],
      note: row["note"])
  }

  /// Stored occurrence state of every contact, by contact id.
  public func occurrenceStates() throws -> [String: [OccurrenceState.Key: OccurrenceState]] {
    var result: [String: [OccurrenceState.Key: OccurrenceState]] = [:]
    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM occurrence")
    while let row = try rows.next() {
      if let state = Self.occurrence(row) {
        result[state.contactID, default: [:]][state.key] = state
      }
    }
    return result
  }

  public func occurrenceStates(contactID: String) throws -> [OccurrenceState.Key: OccurrenceState] {
    var result: [OccurrenceState.Key: OccurrenceState] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT * FROM occurrence WHERE contact_id = ?", arguments: [contactID])
    {
      if let state = Self.occurrence(row) { result[state.key] = state }
    }
    return result
  }

  static func occurrence(_ row: Row) -> OccurrenceState? {
    guard let kind = ReminderKind(rawValue: row["kind"]),
      let occurrence = CivilDate(row["occurrence"] as String)
    else { return nil }
    func date(_ column: String) -> Date? {
      (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }
    return OccurrenceState(
      contactID: row["contact_id"], kind: kind, occurrence: occurrence,
      snoozedUntil: date("snoozed_until"), doneAt: date("done_at"),
      announcedAt: date("announced_at"))
  }

  /// The columns ``contact(_:)`` reads, by position: looking columns up by name took longer
  /// than the rest of loading 100,000 contacts.
  static let contactColumns =
    "id, name, circles, birthday, dates, every, emails, phones, linkedin, urls, company, "
    + "position, notes, tags, met_on, added"

  static func contact(_ row: Row) -> Contact {
    func list(_ index: Int) -> [String] {
      let text: String = row[index]
      if text.isEmpty { return [] }
      // Most lists hold one value: no splitting then.
      guard text.utf8.contains(UInt8(ascii: "\n")) else { return [text] }
      return text.split(separator: "\n").map(String.init)
    }
    let dates: [LabelledDate] = list(4).compactMap { line in
      guard let tab = line.firstIndex(of: "\t"),
        let date = MonthDay(line[line.index(after: tab)...])
      else { return nil }
      return LabelledDate(label: String(line[..<tab]), date: date)
    }
    return Contact(
      id: row[0], name: row[1], circles: list(2),
      birthday: (row[3] as String?).flatMap { MonthDay($0) }, dates: dates,
      every: (row[5] as String?).flatMap { Cadence($0) }, emails: list(6), phones: list(7),
      linkedIn: row[8], urls: list(9), company: row[10], position: row[11], notes: row[12],
      tags: list(13), metOn: (row[14] as String?).flatMap { CivilDate($0) },
      added: Date(timeIntervalSince1970: row[15]))
  }

}
