import Foundation
import KithConfig
import KithCore
import KithStore

/// Everything the rules need, held in memory, with each contact's current reminders.
///
/// The store is the truth; after a change to a contact, ``refresh(contactID:store:now:)``
/// reloads that contact alone, so a daemon with 100,000 contacts answers in milliseconds.
struct Model {
  var planner: Planner
  private(set) var contacts: [String: Contact] = [:]
  private(set) var lastContact: [String: CivilDate] = [:]
  private(set) var states: [String: [OccurrenceState.Key: OccurrenceState]] = [:]
  private(set) var reminders: [String: [Reminder]] = [:]
  /// When each contact next needs announcing, kept with its reminders, so the daemon finds the
  /// next wake and what is due by comparing instants rather than applying the rules to all.
  private(set) var wakes: [String: Date] = [:]

  init(planner: Planner) {
    self.planner = planner
  }

  /// Loads all contacts and state and computes every reminder.
  static func load(store: Store, planner: Planner, now: Date) throws(StoreError) -> Model {
    var model = Model(planner: planner)
    try store.read { reader in
      let contacts = try reader.contacts()
      model.contacts.reserveCapacity(contacts.count)
      for contact in contacts { model.contacts[contact.id] = contact }
      model.lastContact = try reader.lastContactDates()
      model.states = try reader.occurrenceStates()
    }
    model.recomputeAll(now: now)
    return model
  }

  mutating func recomputeAll(now: Date) {
    reminders.removeAll(keepingCapacity: true)
    wakes.removeAll(keepingCapacity: true)
    reminders.reserveCapacity(contacts.count)
    wakes.reserveCapacity(contacts.count)
    for contact in contacts.values { recompute(contact.id, now: now) }
  }

  mutating func recompute(_ contactID: String, now: Date) {
    guard let contact = contacts[contactID] else {
      reminders[contactID] = nil
      wakes[contactID] = nil
      return
    }
    reminders[contactID] = planner.reminders(
      for: contact, lastContact: lastContact[contactID], states: states[contactID] ?? [:],
      now: now)
    updateWake(contactID)
  }

  private mutating func updateWake(_ contactID: String) {
    var earliest: Date?
    for reminder in reminders[contactID] ?? [] {
      guard let next = nextAnnouncement(of: reminder) else { continue }
      if earliest.map({ next < $0 }) ?? true { earliest = next }
    }
    wakes[contactID] = earliest
  }

  func nextAnnouncement(of reminder: Reminder) -> Date? {
    planner.nextAnnouncement(of: reminder, lastAnnounced: state(of: reminder)?.announcedAt)
  }

  /// Reloads one contact from the store after a change.
  mutating func refresh(contactID: String, store: Store, now: Date) throws(StoreError) {
    try store.read { reader in
      contacts[contactID] = try reader.contact(id: contactID)
      lastContact[contactID] = try reader.lastContactDate(contactID: contactID)
      let stored = try reader.occurrenceStates(contactID: contactID)
      states[contactID] = stored.isEmpty ? nil : stored
    }
    recompute(contactID, now: now)
  }

  /// Notes an announcement without a reload: only `announcedAt` changes.
  mutating func noteAnnounced(_ reminder: Reminder, at instant: Date) {
    let key = OccurrenceState.Key(kind: reminder.kind, occurrence: reminder.occurrence)
    var state =
      states[reminder.contactID]?[key]
      ?? OccurrenceState(
        contactID: reminder.contactID, kind: reminder.kind, occurrence: reminder.occurrence)
    state.announcedAt = instant
    states[reminder.contactID, default: [:]][key] = state
    updateWake(reminder.contactID)
  }

  func state(of reminder: Reminder) -> OccurrenceState? {
    states[reminder.contactID]?[
      OccurrenceState.Key(kind: reminder.kind, occurrence: reminder.occurrence)]
  }

  /// Every current reminder, walked in place: copying 200,000 of them per read cost more than
  /// the reads themselves.
  var allReminders: FlattenSequence<Dictionary<String, [Reminder]>.Values> {
    reminders.values.joined()
  }

  func stateTable(for contactID: String) -> [OccurrenceState.Key: OccurrenceState] {
    states[contactID] ?? [:]
  }
}
