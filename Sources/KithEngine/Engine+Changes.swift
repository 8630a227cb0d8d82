import Foundation
import KithConfig
import KithCore
import KithProtocol
import KithStore

extension Engine {
  func add(_ args: AddArgs, now: Date) throws(ErrorBody) -> Contact {
    guard let name = args.fields.name?.trimmingCharacters(in: .whitespacesAndNewlines),
      !name.isEmpty
    else { throw ErrorBody(.invalid, "A contact needs a name") }
    let id: String
    if let wanted = args.id {
      guard Contact.isValidID(wanted) else {
        throw ErrorBody(
          .invalid,
          "Invalid id \"\(wanted)\": use lowercase letters, digits, \"-\", \"_\" and \".\"")
      }
      guard model.contacts[wanted] == nil else {
        throw ErrorBody(.conflict, "A contact with id \"\(wanted)\" exists already")
      }
      id = wanted
    } else {
      id = uniqueID(for: name)
    }
    var contact = Contact(id: id, name: name, added: now)
    try apply(args.fields, to: &contact, now: now)
    try write { try $0.save(contact) }
    try refresh(id, now: now)
    return contact
  }

  func edit(_ args: EditArgs, now: Date) throws(ErrorBody) -> Contact {
    var contact = try model.resolveContact(args.ref)
    if let name = args.fields.name {
      let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { throw ErrorBody(.invalid, "A contact needs a name") }
      contact.name = trimmed
    }
    try apply(args.fields, to: &contact, now: now)
    let saved = contact
    try write { try $0.save(saved) }
    try refresh(contact.id, now: now)
    return contact
  }

  func remove(_ args: RefArgs, now: Date) throws(ErrorBody) -> Contact {
    let contact = try model.resolveContact(args.ref)
    try write { try $0.delete(contactID: contact.id) }
    try refresh(contact.id, now: now)
    return contact
  }

  func log(_ args: LogArgs, now: Date) throws(ErrorBody) -> ChangeResult {
    let contact = try model.resolveContact(args.ref)
    let today = calendar.date(of: now)
    let day = try args.on.map { text throws(ErrorBody) in try date(text, "on") } ?? today
    guard day <= today else {
      throw ErrorBody(.invalid, "--on \(day) is in the future; log what already happened")
    }
    let kind = args.kind?.trimmingCharacters(in: .whitespaces) ?? "talk"
    guard !kind.isEmpty else { throw ErrorBody(.invalid, "--kind must not be empty") }
    let interaction = Interaction(
      contactID: contact.id, date: day, loggedAt: now, kind: kind, note: args.note)
    try write { try $0.add(interaction) }
    try refresh(contact.id, now: now)
    return ChangeResult(
      contact: contact.name, reminders: [], interaction: interaction,
      next: currentReminders(contact.id, now: now))
  }

  /// Completes the named reminder, or every reminder due for the named contact ("I reached
  /// out"); with nothing due, restarts the contact's keep-in-touch cadence.
  func ack(_ args: AckArgs, now: Date) throws(ErrorBody) -> ChangeResult {
    let reference = try model.resolve(args.ref)
    let contact = model.contacts[reference.contactID]!
    var targets: [Reminder]
    switch reference {
    case .reminder(let reminder): targets = [reminder]
    case .contact:
      let mine = model.reminders[contact.id] ?? []
      targets = mine.filter { $0.phase(at: now) == .due }
      if targets.isEmpty { targets = mine.filter { $0.kind == .touch } }
      guard !targets.isEmpty else {
        throw ErrorBody(
          .notFound,
          "Nothing to acknowledge for \(contact.name): no circle, cadence or dates; "
            + "use `kith log` to record an interaction")
      }
    }
    let today = calendar.date(of: now)
    var interaction: Interaction?
    if targets.contains(where: { $0.kind == .touch }) {
      interaction = Interaction(
        contactID: contact.id, date: today, loggedAt: now, kind: "reached out", note: args.note)
    }
    try updateStates(of: targets, { $0.doneAt = now }) { writer in
      if let interaction { try writer.add(interaction) }
    }
    try refresh(contact.id, now: now)
    for reminder in targets {
      events.append(
        EngineEvent(
          kind: .acked, reminder: reminder,
          message: "Acknowledged \(describe(reminder)) for \(contact.name)"))
    }
    return ChangeResult(
      contact: contact.name, reminders: targets.map { reminderJSON($0, now: now) },
      interaction: interaction, next: currentReminders(contact.id, now: now))
  }

  /// Postpones the named reminder, or every reminder due for the named contact (the next one
  /// when none is due).
  func snooze(_ args: SnoozeArgs, now: Date) throws(ErrorBody) -> ChangeResult {
    let reference = try model.resolve(args.ref)
    let contact = model.contacts[reference.contactID]!
    let until: Date
    do {
      until = try Snooze.until(
        args.when, now: now, calendar: calendar, notifyAt: config.policy.notifyAt)
    } catch {
      throw ErrorBody(.invalid, error.description)
    }
    var targets: [Reminder]
    switch reference {
    case .reminder(let reminder): targets = [reminder]
    case .contact:
      let mine = (model.reminders[contact.id] ?? []).sorted(by: Reminder.dueOrder)
      targets = mine.filter { $0.phase(at: now) == .due }
      if targets.isEmpty, let first = mine.first { targets = [first] }
      guard !targets.isEmpty else {
        throw ErrorBody(.notFound, "Nothing to snooze for \(contact.name)")
      }
    }
    try updateStates(of: targets) { $0.snoozedUntil = until }
    try refresh(contact.id, now: now)
    let snoozed = targets.map { old in
      (model.reminders[contact.id] ?? []).first { $0.id == old.id } ?? old
    }
    for reminder in snoozed {
      events.append(
        EngineEvent(
          kind: .snoozed, reminder: reminder,
          message:
            "Snoozed \(describe(reminder)) for \(contact.name) until \(calendar.iso8601(until))"))
    }
    return ChangeResult(
      contact: contact.name, reminders: snoozed.map { reminderJSON($0, now: now) },
      interaction: nil, next: currentReminders(contact.id, now: now))
  }

  /// Changes the stored state of each reminder's occurrence, and whatever `also` writes, in
  /// one transaction.
  func updateStates(
    of reminders: [Reminder], _ change: (inout OccurrenceState) -> Void,
    also: (inout StoreWriter) throws -> Void = { _ in }
  ) throws(ErrorBody) {
    let states = reminders.map { reminder in
      var state =
        model.state(of: reminder)
        ?? OccurrenceState(
          contactID: reminder.contactID, kind: reminder.kind, occurrence: reminder.occurrence)
      change(&state)
      return state
    }
    try write { writer in
      for state in states { try writer.save(state) }
      try also(&writer)
    }
  }

  func currentReminders(_ contactID: String, now: Date) -> [ReminderJSON] {
    (model.reminders[contactID] ?? []).sorted(by: Reminder.dueOrder).map {
      reminderJSON($0, now: now)
    }
  }

  func describe(_ reminder: Reminder) -> String {
    switch reminder.kind {
    case .touch: "keep-in-touch reminder"
    case .birthday: "birthday \(reminder.occurrence)"
    case .date(let label): "\(label) \(reminder.occurrence)"
    case .followup: "follow-up"
    }
  }

  /// A slug of the name not yet taken: `ada-lovelace`, then `ada-lovelace-2`…
  func uniqueID(for name: String, taken: Set<String> = []) -> String {
    let base = Contact.slug(for: name)
    var candidate = base
    var n = 2
    while model.contacts[candidate] != nil || taken.contains(candidate) {
      candidate = "\(base)-\(n)"
      n += 1
    }
    return candidate
  }

  /// Applies the fields given to a contact, validating each.
  func apply(_ fields: ContactFields, to contact: inout Contact, now: Date) throws(ErrorBody) {
    for circle in (fields.circles ?? []) + (fields.addCircles ?? []) { try checkCircle(circle) }
    if let circles = fields.circles { contact.circles = Self.unique(circles) }
    if let added = fields.addCircles { contact.circles = Self.unique(contact.circles + added) }
    if let removed = fields.removeCircles {
      contact.circles.removeAll { removed.contains($0) }
    }
    if let text = fields.birthday {
      if text.isEmpty || text == "none" {
        contact.birthday = nil
      } else {
        guard let birthday = MonthDay(text) else {
          throw ErrorBody(
            .invalid, "--birthday: cannot read \"\(text)\"; use MM-DD or YYYY-MM-DD")
        }
        contact.birthday = birthday
      }
    }
    if let text = fields.every {
      if text.isEmpty || text == "none" {
        contact.every = nil
      } else {
        guard let cadence = Cadence(text) else {
          throw ErrorBody(
            .invalid, "--every: cannot read \"\(text)\"; accepted: \(Cadence.acceptedForms)")
        }
        contact.every = cadence
      }
    }
    if let emails = fields.emails { contact.emails = Self.unique(emails.filter { !$0.isEmpty }) }
    if let phones = fields.phones { contact.phones = Self.unique(phones.filter { !$0.isEmpty }) }
    if let value = fields.linkedin { contact.linkedIn = value.isEmpty ? nil : value }
    if let value = fields.company { contact.company = value.isEmpty ? nil : value }
    if let value = fields.position { contact.position = value.isEmpty ? nil : value }
    if let value = fields.note { contact.notes = value.isEmpty ? nil : value }
    for entry in fields.dates ?? [] {
      guard let equals = entry.firstIndex(of: "="),
        case let label = entry[..<equals].trimmingCharacters(in: .whitespaces), !label.isEmpty,
        let date = MonthDay(entry[entry.index(after: equals)...])
      else {
        throw ErrorBody(
          .invalid, "--date: cannot read \"\(entry)\"; use LABEL=MM-DD or LABEL=YYYY-MM-DD")
      }
      contact.dates.removeAll { $0.label == label }
      contact.dates.append(LabelledDate(label: label, date: date))
    }
    if let removed = fields.removeDates {
      contact.dates.removeAll { removed.contains($0.label) }
    }
  }

  static func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}
