import Foundation

/// Applies the time rules: when each reminder of a contact falls due, and when to announce it.
///
/// Pure: every answer depends only on the policy, the stored facts passed in, and `now`.
public struct Planner: Sendable {
  public let policy: Policy
  public let calendar: LocalCalendar

  public init(policy: Policy) {
    self.policy = policy
    self.calendar = policy.calendar
  }

  /// The cadence that applies to a contact and the circle it comes from.
  ///
  /// A contact in several circles follows the shortest cadence; its own `every` wins over all.
  public func cadence(for contact: Contact) -> (cadence: Cadence, circle: String?)? {
    var best: (cadence: Cadence, circle: String?)?
    for circle in contact.circles {
      guard let cadence = policy.circles[circle] else { continue }
      if best == nil || cadence.approximateDays < best!.cadence.approximateDays {
        best = (cadence, circle)
      }
    }
    if let every = contact.every {
      return (every, best?.circle)
    }
    return best
  }

  /// The day a keep-in-touch reminder is planned for, or nil when no cadence applies.
  ///
  /// After an interaction: its date plus the cadence. Never contacted: a day in
  /// [added, added + cadence) chosen by the contact id, so imports spread out.
  public func touchDate(for contact: Contact, lastContact: CivilDate?) -> CivilDate? {
    guard let (cadence, _) = cadence(for: contact) else { return nil }
    if let lastContact {
      return deliveryDay(onOrAfter: cadence.advance(lastContact))
    }
    let added = calendar.date(of: contact.added)
    let span = max(1, added.days(until: cadence.advance(added)))
    let offset = Int(StableHash.fnv1a(contact.id) % UInt64(span))
    return deliveryDay(onOrAfter: added.adding(days: offset))
  }

  /// The first allowed delivery day on or after `date`.
  public func deliveryDay(onOrAfter date: CivilDate) -> CivilDate {
    guard !policy.days.isEmpty else { return date }
    var day = date
    while !policy.days.contains(day.weekday) { day = day.adding(days: 1) }
    return day
  }

  /// The current reminder of each kind for a contact: the one due or next to fall due.
  public func reminders(
    for contact: Contact, lastContact: CivilDate?,
    states: [OccurrenceState.Key: OccurrenceState], now: Date
  ) -> [Reminder] {
    var result: [Reminder] = []
    result.reserveCapacity(2 + contact.dates.count)
    if let reminder = touchReminder(
      for: contact, lastContact: lastContact, states: states, now: now)
    {
      result.append(reminder)
    }
    if contact.birthday == nil, contact.dates.isEmpty { return result }
    // The same for every yearly date of the contact: work them out once.
    let added = calendar.date(of: contact.added)
    let thisYear = calendar.date(of: now).year
    for (kind, monthDay) in yearlyDates(of: contact) {
      if let reminder = currentYearly(
        contact: contact, kind: kind, monthDay: monthDay, added: added, thisYear: thisYear,
        states: states, now: now)
      {
        result.append(reminder)
      }
    }
    return result
  }

  /// Every reminder that falls in `from...through` (local dates): each yearly occurrence, and
  /// the next keep-in-touch one (later ones depend on what the person does).
  public func agenda(
    for contact: Contact, lastContact: CivilDate?,
    states: [OccurrenceState.Key: OccurrenceState], from: CivilDate, through: CivilDate,
    now: Date
  ) -> [Reminder] {
    var result: [Reminder] = []
    let window = from...through
    if let touch = touchReminder(for: contact, lastContact: lastContact, states: states, now: now),
      window.contains(calendar.date(of: touch.due))
    {
      result.append(touch)
    }
    let added = calendar.date(of: contact.added)
    for (kind, monthDay) in yearlyDates(of: contact) {
      for year in (from.year - 1)...(through.year + 1) {
        let reminder = yearly(
          contact: contact, kind: kind, monthDay: monthDay, year: year, states: states, now: now)
        guard reminder.occurrence >= added, !isDone(reminder, states),
          window.contains(calendar.date(of: reminder.due))
        else { continue }
        result.append(reminder)
      }
    }
    return result
  }

  /// When a reminder should next be announced, given when this occurrence last was.
  ///
  /// Unannounced since it fell due: at its due instant (at once when that is past, which is
  /// the catch-up). Announced: again at `notify_at` after `renotify` days, or never.
  public func nextAnnouncement(of reminder: Reminder, lastAnnounced: Date?) -> Date? {
    guard let lastAnnounced, lastAnnounced >= reminder.due else { return reminder.due }
    guard let days = policy.renotifyDays else { return nil }
    return calendar.instant(calendar.date(of: lastAnnounced).adding(days: days), policy.notifyAt)
  }

  /// The reminders to announce at `now`, in due order; each appears once however long ago it
  /// fell due.
  public func announcements(
    among reminders: some Sequence<Reminder>, lastAnnounced: (Reminder) -> Date?, now: Date
  ) -> [Reminder] {
    reminders.filter { reminder in
      guard
        let next = nextAnnouncement(
          of: reminder, lastAnnounced: lastAnnounced(reminder))
      else { return false }
      return next <= now
    }.sorted(by: Reminder.dueOrder)
  }

  // MARK: - Kinds

  private func touchReminder(
    for contact: Contact, lastContact: CivilDate?,
    states: [OccurrenceState.Key: OccurrenceState], now: Date
  ) -> Reminder? {
    guard let (cadence, circle) = cadence(for: contact),
      let day = touchDate(for: contact, lastContact: lastContact)
    else { return nil }
    return make(
      contact: contact, kind: .touch, occurrence: day,
      scheduled: calendar.instant(day, policy.notifyAt), circle: circle, cadence: cadence,
      states: states, now: now)
  }

  private func yearlyDates(of contact: Contact) -> [(ReminderKind, MonthDay)] {
    var dates: [(ReminderKind, MonthDay)] = []
    if let birthday = contact.birthday { dates.append((.birthday, birthday)) }
    for date in contact.dates { dates.append((.date(date.label), date.date)) }
    return dates
  }

  private func yearly(
    contact: Contact, kind: ReminderKind, monthDay: MonthDay, year: Int,
    states: [OccurrenceState.Key: OccurrenceState], now: Date
  ) -> Reminder {
    let (day, scheduled) = yearlySchedule(monthDay: monthDay, year: year)
    return make(
      contact: contact, kind: kind, occurrence: day, scheduled: scheduled, circle: nil,
      cadence: nil, states: states, now: now)
  }

  /// The occurrence of a yearly date in `year` and when it is scheduled.
  private func yearlySchedule(monthDay: MonthDay, year: Int) -> (day: CivilDate, scheduled: Date) {
    let day = monthDay.date(in: year, feb29: policy.feb29)
    let notified = policy.lead == 0 ? day : day.adding(days: -policy.lead)
    return (day, calendar.instant(notified, policy.notifyAt))
  }

  /// The latest occurrence already scheduled, unless it is done; else the next one not done.
  /// Occurrences before the contact was added (its local date `added`) do not count.
  ///
  /// Candidates are the years around `thisYear`, the local year of `now`; only the one chosen
  /// is made into a ``Reminder``.
  private func currentYearly(
    contact: Contact, kind: ReminderKind, monthDay: MonthDay, added: CivilDate, thisYear: Int,
    states: [OccurrenceState.Key: OccurrenceState], now: Date
  ) -> Reminder? {
    var latest: (day: CivilDate, scheduled: Date)?
    var next: (day: CivilDate, scheduled: Date)?
    for year in (thisYear - 1)...(thisYear + 2) {
      let candidate = yearlySchedule(monthDay: monthDay, year: year)
      guard candidate.day >= added else { continue }
      if candidate.scheduled <= now {
        latest = candidate
      } else if next == nil, !isDone(kind, candidate.day, states) {
        next = candidate
      }
    }
    if let latest, !isDone(kind, latest.day, states) {
      return make(
        contact: contact, kind: kind, occurrence: latest.day, scheduled: latest.scheduled,
        circle: nil, cadence: nil, states: states, now: now)
    }
    guard let next else { return nil }
    return make(
      contact: contact, kind: kind, occurrence: next.day, scheduled: next.scheduled, circle: nil,
      cadence: nil, states: states, now: now)
  }

  private func isDone(_ reminder: Reminder, _ states: [OccurrenceState.Key: OccurrenceState])
    -> Bool
  {
    isDone(reminder.kind, reminder.occurrence, states)
  }

  private func isDone(
    _ kind: ReminderKind, _ occurrence: CivilDate,
    _ states: [OccurrenceState.Key: OccurrenceState]
  ) -> Bool {
    guard !states.isEmpty else { return false }
    return states[OccurrenceState.Key(kind: kind, occurrence: occurrence)]?.doneAt != nil
  }

  private func make(
    contact: Contact, kind: ReminderKind, occurrence: CivilDate, scheduled: Date,
    circle: String?, cadence: Cadence?, states: [OccurrenceState.Key: OccurrenceState],
    now: Date
  ) -> Reminder {
    let snoozed =
      states.isEmpty
      ? nil : states[OccurrenceState.Key(kind: kind, occurrence: occurrence)]?.snoozedUntil
    let due = snoozed ?? scheduled
    let phase: ReminderPhase =
      due <= now ? .due : (snoozed != nil ? .snoozed : .scheduled)
    return Reminder(
      contactID: contact.id, contactName: contact.name, kind: kind, occurrence: occurrence,
      scheduled: scheduled, due: due, circle: circle, cadence: cadence, phase: phase)
  }
}
