import Foundation
import KithCore
import Testing

@Suite("Birthdays and yearly dates")
struct YearlyDateTests {
  @Test(
    "Due at notify_at on the date, every year; due until acked or the next year's falls due",
    arguments: Zone.all,
    [
      (ReminderKind.birthday, "2027-01-20T12:00:00", "2027-06-15", ReminderPhase.scheduled),
      (.birthday, "2027-06-01T12:00:00", "2027-06-15", .scheduled),
      (.birthday, "2027-06-15T07:44:00", "2027-06-15", .scheduled),
      (.birthday, "2027-06-15T07:45:00", "2027-06-15", .due),
      (.birthday, "2027-07-01T12:00:00", "2027-06-15", .due),
      (.birthday, "2028-06-15T07:44:00", "2027-06-15", .due),
      (.birthday, "2028-06-15T07:45:00", "2028-06-15", .due),
      (.date("work anniversary"), "2027-12-02T12:00:00", "2027-12-20", .scheduled),
      (.date("work anniversary"), "2027-12-21T12:00:00", "2027-12-20", .due),
    ])
  func onTheDate(
    zone: Zone, row: (kind: ReminderKind, now: String, occurrence: String, phase: ReminderPhase)
  ) throws {
    let (kind, now, occurrence, phase) = row
    let contact = Contact.make(
      birthday: "1990-06-15", dates: ["work anniversary": "12-20"],
      added: zone.at("2027-01-10T12:00:00"))
    let reminder = try #require(
      zone.planner(notifyAt: "07:45").current(kind, for: contact, now: zone.at(now)))
    #expect(reminder.occurrence == day(occurrence))
    #expect(zone.show(reminder.due) == zone.iso(occurrence + "T07:45:00"))
    #expect(reminder.phase == phase)
    #expect(reminder.circle == nil)
    #expect(reminder.cadence == nil)
  }

  @Test(
    "Feb 29 in common years follows the feb29 rule; leap years keep Feb 29",
    arguments: Zone.all,
    [
      (2027, Policy.Feb29Rule.feb28, "2027-02-28"),
      (2027, .mar1, "2027-03-01"),
      (2028, .feb28, "2028-02-29"),
      (2028, .mar1, "2028-02-29"),
      (2100, .feb28, "2100-02-28"),
      (2100, .mar1, "2100-03-01"),
    ])
  func feb29(zone: Zone, row: (year: Int, rule: Policy.Feb29Rule, expected: String)) throws {
    let (year, rule, expected) = row
    // Added after the previous year's occurrence, which would otherwise still be due.
    let contact = Contact.make(birthday: "02-29", added: instant("\(year - 1)-03-15T12:00:00Z"))
    let now = zone.at("\(year)-02-01T12:00:00")
    let reminder = try #require(
      zone.planner(feb29: rule).current(.birthday, for: contact, now: now))
    #expect(reminder.occurrence == day(expected))
    #expect(zone.show(reminder.due) == zone.iso(expected + "T09:00:00"))
  }

  @Test(
    "A lead announces days ahead, across month and year boundaries",
    arguments: Zone.all,
    [
      (
        "03-02", 3, "2027-02-01T12:00:00", "2027-03-02", "2027-02-27T09:00:00",
        ReminderPhase.scheduled
      ),
      ("03-02", 3, "2028-02-01T12:00:00", "2028-03-02", "2028-02-28T09:00:00", .scheduled),
      // The next year's occurrence is the current one before and after its lead day.
      ("01-02", 3, "2026-12-29T12:00:00", "2027-01-02", "2026-12-30T09:00:00", .scheduled),
      ("01-02", 3, "2026-12-30T09:00:00", "2027-01-02", "2026-12-30T09:00:00", .due),
      ("01-02", 3, "2026-12-31T12:00:00", "2027-01-02", "2026-12-30T09:00:00", .due),
      ("01-02", 3, "2027-01-02T12:00:00", "2027-01-02", "2026-12-30T09:00:00", .due),
      ("01-01", 1, "2026-12-30T12:00:00", "2027-01-01", "2026-12-31T09:00:00", .scheduled),
      ("12-31", 0, "2026-12-30T12:00:00", "2026-12-31", "2026-12-31T09:00:00", .scheduled),
      ("01-10", 14, "2026-12-26T12:00:00", "2027-01-10", "2026-12-27T09:00:00", .scheduled),
    ])
  func lead(
    zone: Zone,
    row: (
      birthday: String, lead: Int, now: String, occurrence: String, due: String,
      phase: ReminderPhase
    )
  ) throws {
    let (birthday, lead, now, occurrence, due, phase) = row
    // Added 60 days before now, so last year's occurrence (still due until acked) does not count.
    let added = instant(day(String(now.prefix(10))).adding(days: -60).description + "T12:00:00Z")
    let contact = Contact.make(birthday: birthday, added: added)
    let planner = zone.planner(lead: lead)
    let reminder = try #require(planner.current(.birthday, for: contact, now: zone.at(now)))
    #expect(reminder.occurrence == day(occurrence))
    #expect(zone.show(reminder.due) == zone.iso(due))
    #expect(reminder.phase == phase)
  }

  @Test(
    "With last year's occurrence acked, the lead day in December finds next year's",
    arguments: Zone.all)
  func leadAcrossYearAfterAck(zone: Zone) throws {
    let contact = Contact.make(birthday: "01-02", added: zone.at("2024-06-01T12:00:00"))
    let acked = OccurrenceState(
      contactID: contact.id, kind: .birthday, occurrence: day("2026-01-02"),
      doneAt: zone.at("2026-01-02T10:00:00"))
    let reminder = try #require(
      zone.planner(lead: 3).current(
        .birthday, for: contact, states: [acked], now: zone.at("2026-12-29T12:00:00")))
    #expect(reminder.occurrence == day("2027-01-02"))
    #expect(zone.show(reminder.due) == zone.iso("2026-12-30T09:00:00"))
    #expect(reminder.phase == .scheduled)
  }

  @Test(
    "Delivery days do not move birthdays",
    arguments: Zone.all, ["2027-06-12", "2027-06-13", "2027-06-15"])
  func notMovedByDays(zone: Zone, date: String) throws {
    let contact = Contact.make(birthday: String(date.dropFirst(5)))
    let reminder = try #require(
      zone.planner(days: weekdays).current(
        .birthday, for: contact, now: zone.at("2027-06-01T12:00:00")))
    #expect(reminder.occurrence == day(date))
    #expect(zone.show(reminder.due) == zone.iso(date + "T09:00:00"))
  }

  @Test(
    "Ack completes only that year's occurrence",
    arguments: Zone.all, [ReminderKind.birthday, .date("work anniversary")])
  func ackCompletesOneYear(zone: Zone, kind: ReminderKind) throws {
    let contact = Contact.make(birthday: "06-15", dates: ["work anniversary": "06-15"])
    let planner = zone.planner()
    let now = zone.at("2027-06-15T10:00:00")
    let before = try #require(planner.current(kind, for: contact, now: now))
    #expect(before.occurrence == day("2027-06-15"))
    #expect(before.phase == .due)

    let done = OccurrenceState(
      contactID: contact.id, kind: kind, occurrence: before.occurrence, doneAt: now)
    let after = try #require(planner.current(kind, for: contact, states: [done], now: now))
    #expect(after.occurrence == day("2028-06-15"))
    #expect(zone.show(after.due) == zone.iso("2028-06-15T09:00:00"))
    #expect(after.phase == .scheduled)
    #expect(after.id != before.id)

    // A year later the acked occurrence stays done and the new one falls due.
    let nextYear = try #require(
      planner.current(kind, for: contact, states: [done], now: zone.at("2028-06-15T09:30:00")))
    #expect(nextYear.occurrence == day("2028-06-15"))
    #expect(nextYear.phase == .due)

    // Acking the birthday leaves the other yearly date alone.
    let other: ReminderKind = kind == .birthday ? .date("work anniversary") : .birthday
    #expect(planner.current(other, for: contact, states: [done], now: now)?.phase == .due)
  }

  @Test(
    "A yearly date before the contact was added is not due",
    arguments: Zone.all,
    [
      ("2027-06-20T12:00:00", "2027-06-25T12:00:00", "2028-06-15"),
      ("2027-06-15T12:00:00", "2027-06-15T13:00:00", "2027-06-15"),  // the day itself counts
      ("2027-06-16T00:30:00", "2027-06-16T01:00:00", "2028-06-15"),
    ])
  func beforeAdded(zone: Zone, row: (added: String, now: String, occurrence: String)) throws {
    let (added, now, occurrence) = row
    let contact = Contact.make(birthday: "06-15", added: zone.at(added))
    let reminder = try #require(
      zone.planner().current(.birthday, for: contact, now: zone.at(now)))
    #expect(reminder.occurrence == day(occurrence))
    #expect(reminder.phase == (reminder.occurrence.year == 2027 ? .due : .scheduled))
  }
}
