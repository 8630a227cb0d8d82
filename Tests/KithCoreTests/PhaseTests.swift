import Foundation
import KithCore
import Testing

@Suite("Reminder phases")
struct PhaseTests {
  @Test(
    "Scheduled before due, due after, snoozed while a snooze lies ahead",
    arguments: Zone.all,
    [
      ("2027-05-31T12:00:00", nil, ReminderPhase.scheduled, "2027-06-01T09:00:00"),
      ("2027-06-01T08:59:00", nil, .scheduled, "2027-06-01T09:00:00"),
      ("2027-06-01T09:00:00", nil, .due, "2027-06-01T09:00:00"),
      ("2027-06-05T12:00:00", nil, .due, "2027-06-01T09:00:00"),
      ("2027-06-05T12:00:00", "2027-06-08T09:00:00", .snoozed, "2027-06-08T09:00:00"),
      ("2027-06-08T08:59:00", "2027-06-08T09:00:00", .snoozed, "2027-06-08T09:00:00"),
      ("2027-06-08T09:00:00", "2027-06-08T09:00:00", .due, "2027-06-08T09:00:00"),
      ("2027-06-10T12:00:00", "2027-06-08T09:00:00", .due, "2027-06-08T09:00:00"),
      ("2027-05-31T12:00:00", "2027-06-03T10:00:00", .snoozed, "2027-06-03T10:00:00"),
    ] as [(String, String?, ReminderPhase, String)])
  func phases(
    zone: Zone, row: (now: String, snoozedUntil: String?, phase: ReminderPhase, due: String)
  ) throws {
    let contact = Contact.make(circles: ["core"])
    let states = row.snoozedUntil.map {
      [
        OccurrenceState(
          contactID: contact.id, kind: .touch, occurrence: day("2027-06-01"),
          snoozedUntil: zone.at($0))
      ]
    }
    let reminder = try #require(
      zone.planner().current(
        .touch, for: contact, lastContact: day("2027-05-01"), states: states ?? [],
        now: zone.at(row.now)))
    #expect(reminder.phase == row.phase)
    #expect(zone.show(reminder.due) == zone.iso(row.due))
    #expect(zone.show(reminder.scheduled) == zone.iso("2027-06-01T09:00:00"))
  }

  @Test("A snooze on another occurrence or kind does not apply", arguments: Zone.all)
  func snoozeBelongsToItsOccurrence(zone: Zone) throws {
    let contact = Contact.make(circles: ["core"], birthday: "06-01")
    let until = zone.at("2027-06-08T09:00:00")
    let states = [
      OccurrenceState(
        contactID: contact.id, kind: .touch, occurrence: day("2027-05-01"), snoozedUntil: until),
      OccurrenceState(
        contactID: contact.id, kind: .birthday, occurrence: day("2027-06-01"), snoozedUntil: until),
    ]
    let touch = try #require(
      zone.planner().current(
        .touch, for: contact, lastContact: day("2027-05-01"), states: states,
        now: zone.at("2027-06-02T12:00:00")))
    #expect(touch.phase == .due)
    #expect(zone.show(touch.due) == zone.iso("2027-06-01T09:00:00"))
  }
}
