import Foundation
import KithConfig
import KithCore
import KithStore

extension Engine {
  /// Reminders to announce now, in due order: each once, however long ago it fell due.
  public func dueAnnouncements(now: Date) -> [Reminder] {
    let contacts = model.wakes.lazy.filter { $0.value <= now }.map(\.key)
    return model.planner.announcements(
      among: contacts.flatMap { self.model.reminders[$0] ?? [] },
      lastAnnounced: { self.model.state(of: $0)?.announcedAt }, now: now)
  }

  /// Records announcements made at `now`, in one transaction.
  public func recordAnnounced(_ reminders: [Reminder], at now: Date) throws(StoreError) {
    guard !reminders.isEmpty else { return }
    try store.write { writer in
      for reminder in reminders { try writer.recordAnnouncement(reminder, at: now) }
    }
    for reminder in reminders { model.noteAnnounced(reminder, at: now) }
  }

  /// The earliest instant at which something will need announcing, for the one timer, with
  /// the reminders due then, so the timer can announce them before any other work.
  public func nextWake() -> (at: Date, reminders: [Reminder])? {
    guard let earliest = model.wakes.values.min() else { return nil }
    let due = model.wakes.filter { $0.value == earliest }.keys.flatMap { id in
      (model.reminders[id] ?? []).filter { model.nextAnnouncement(of: $0) == earliest }
    }
    return (earliest, due.sorted(by: Reminder.dueOrder))
  }

  /// "last: 2026-10-02 coffee", for announcements.
  public func lastContactDescription(_ contactID: String) -> String? {
    guard let date = model.lastContact[contactID] else { return nil }
    let latest = (try? store.read { try $0.interactions(contactID: contactID).first }) ?? nil
    let what = latest.map { $0.note ?? $0.kind }
    return "last: \(date)" + (what.map { " \($0)" } ?? "")
  }

}
