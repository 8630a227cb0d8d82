import Foundation
import KithConfig
import KithCore
import KithProtocol
import KithStore

extension Engine {
  /// Current reminders, in due order; `due` keeps those due now.
  func list(_ args: ListArgs, now: Date) throws(ErrorBody) -> [ReminderJSON] {
    if let circle = args.circle { try checkCircle(circle) }
    return model.allReminders.filter { reminder in
      if args.due == true, reminder.phase(at: now) != .due { return false }
      if let circle = args.circle {
        return model.contacts[reminder.contactID]?.circles.contains(circle) ?? false
      }
      return true
    }.sorted(by: Reminder.dueOrder).map { reminderJSON($0, now: now) }
  }

  /// Every birthday and yearly date in the window, and each contact's next keep-in-touch.
  func agenda(_ args: AgendaArgs, now: Date) throws(ErrorBody) -> [ReminderJSON] {
    let today = calendar.date(of: now)
    let from = try args.from.map { text throws(ErrorBody) in try date(text, "from") } ?? today
    let through: CivilDate
    if let until = args.until {
      guard args.days == nil else {
        throw ErrorBody(.invalid, "Give either --until or --days, not both")
      }
      through = try date(until, "until")
    } else {
      let days = args.days ?? 14
      guard (1...3660).contains(days) else {
        throw ErrorBody(.invalid, "--days must be between 1 and 3660, not \(days)")
      }
      through = from.adding(days: days - 1)
    }
    guard from <= through else {
      throw ErrorBody(.invalid, "The agenda ends (\(through)) before it starts (\(from))")
    }
    var result: [Reminder] = []
    for contact in model.contacts.values {
      result += model.planner.agenda(
        for: contact, lastContact: model.lastContact[contact.id],
        states: model.stateTable(for: contact.id), from: from, through: through, now: now)
    }
    return result.sorted(by: Reminder.dueOrder).map { reminderJSON($0, now: now) }
  }

  func show(_ args: RefArgs, now: Date) throws(ErrorBody) -> ContactDetail {
    let contact = try model.resolveContact(args.ref)
    let interactions: [Interaction]
    do {
      interactions = try store.read { try $0.interactions(contactID: contact.id) }
    } catch {
      throw ErrorBody(.store, error.description)
    }
    let reminders = (model.reminders[contact.id] ?? []).sorted(by: Reminder.dueOrder)
    return ContactDetail(
      contact: contact, interactions: interactions,
      reminders: reminders.map { reminderJSON($0, now: now) })
  }

  /// Counts per circle; "overdue" means due for a week or more.
  public func status(
    now: Date, daemon: StatusResult.Daemon?, configError: String?
  ) -> StatusResult {
    let overdueAfter: TimeInterval = 7 * 86_400
    var circles: [String: CircleStatus] = [:]
    for (name, cadence) in config.policy.circles {
      circles[name] = CircleStatus(
        name: name, every: cadence.description, contacts: 0, onTrack: 0, due: 0, overdue: 0)
    }
    var due = 0
    var overdue = 0
    var next: Reminder?
    for reminder in model.allReminders {
      if reminder.phase(at: now) == .due {
        due += 1
        if now.timeIntervalSince(reminder.due) >= overdueAfter { overdue += 1 }
      } else if next.map({ Reminder.dueOrder(reminder, $0) }) ?? true {
        next = reminder
      }
    }
    for contact in model.contacts.values {
      let touch = model.reminders[contact.id]?.first { $0.kind == .touch }
      for name in contact.circles where circles[name] != nil {
        circles[name]!.contacts += 1
        guard let touch, touch.phase(at: now) == .due else {
          circles[name]!.onTrack += 1
          continue
        }
        if now.timeIntervalSince(touch.due) >= overdueAfter {
          circles[name]!.overdue += 1
        } else {
          circles[name]!.due += 1
        }
      }
    }
    return StatusResult(
      contacts: model.contacts.count, due: due, overdue: overdue,
      next: next.map { reminderJSON($0, now: now) },
      circles: circles.values.sorted { $0.name < $1.name },
      timezone: config.timeZoneName ?? "\(config.policy.timeZone.identifier) (system)",
      config: config.path ?? "built-in default", configError: configError,
      state: store.path, daemon: daemon)
  }

  /// "12 contacts, 2 due, next: Ada Lovelace in 3 days", for systemd's STATUS=.
  public func summary(now: Date) -> String {
    let status = status(now: now, daemon: nil, configError: nil)
    var text = "\(status.contacts) contact\(status.contacts == 1 ? "" : "s"), \(status.due) due"
    if let next = status.next, let due = next.dueDate {
      text += ", next: \(next.contact) \(RelativeTime.describe(due, from: now))"
    }
    return text
  }

  func date(_ text: String, _ name: String) throws(ErrorBody) -> CivilDate {
    guard let date = CivilDate(text) else {
      throw ErrorBody(.invalid, "--\(name): cannot read \"\(text)\" as a date; use YYYY-MM-DD")
    }
    return date
  }

  func checkCircle(_ circle: String) throws(ErrorBody) {
    guard config.policy.circles[circle] != nil else {
      let known = config.policy.circles.keys.sorted().joined(separator: ", ")
      throw ErrorBody(
        .invalid,
        "Unknown circle \"\(circle)\"; configured circles: \(known.isEmpty ? "none" : known)")
    }
  }
}
