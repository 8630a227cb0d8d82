import Foundation
import KithCore
import Testing

@Suite("Agenda")
struct AgendaTests {
  static let contact = Contact.make(
    circles: [], birthday: "12-30", dates: ["work anniversary": "01-05"], every: "1 week",
    added: instant("2026-06-01T12:00:00Z"))

  func agenda(
    _ zone: Zone, from: String, through: String, states: [OccurrenceState] = [],
    contact: Contact = Self.contact
  ) -> [String] {
    zone.planner().agenda(
      for: contact, lastContact: day("2026-12-14"), states: keyed(states), from: day(from),
      through: day(through), now: zone.at("2026-12-15T08:00:00")
    )
    .sorted(by: Reminder.dueOrder)
    .map { "\($0.kind) \(zone.show($0.due)!)" }
  }

  @Test(
    "Every yearly occurrence in a window over the year boundary, and only the next touch",
    arguments: Zone.all)
  func overYearBoundary(zone: Zone) {
    #expect(
      agenda(zone, from: "2026-12-15", through: "2027-12-31") == [
        "touch \(zone.iso("2026-12-21T09:00:00"))",
        "birthday \(zone.iso("2026-12-30T09:00:00"))",
        "date:work anniversary \(zone.iso("2027-01-05T09:00:00"))",
        "birthday \(zone.iso("2027-12-30T09:00:00"))",
      ])
    #expect(
      agenda(zone, from: "2026-12-25", through: "2027-01-10") == [
        "birthday \(zone.iso("2026-12-30T09:00:00"))",
        "date:work anniversary \(zone.iso("2027-01-05T09:00:00"))",
      ])
    #expect(agenda(zone, from: "2027-01-06", through: "2027-02-10").isEmpty)
  }

  @Test("Done occurrences and those before the contact was added are left out", arguments: Zone.all)
  func leftOut(zone: Zone) {
    let done = OccurrenceState(
      contactID: "ada", kind: .birthday, occurrence: day("2026-12-30"),
      doneAt: zone.at("2026-12-30T10:00:00"))
    #expect(
      agenda(zone, from: "2026-12-15", through: "2027-12-31", states: [done]) == [
        "touch \(zone.iso("2026-12-21T09:00:00"))",
        "date:work anniversary \(zone.iso("2027-01-05T09:00:00"))",
        "birthday \(zone.iso("2027-12-30T09:00:00"))",
      ])
    var late = Self.contact
    late.added = zone.at("2027-01-01T12:00:00")
    late.every = nil
    #expect(
      agenda(zone, from: "2026-12-15", through: "2027-12-31", contact: late) == [
        "date:work anniversary \(zone.iso("2027-01-05T09:00:00"))",
        "birthday \(zone.iso("2027-12-30T09:00:00"))",
      ])
  }

  @Test("A lead puts the occurrence in the window of its announcement day", arguments: Zone.all)
  func lead(zone: Zone) {
    let reminders = zone.planner(lead: 3).agenda(
      for: Self.contact, lastContact: nil, states: [:], from: day("2027-01-01"),
      through: day("2027-01-03"), now: zone.at("2026-12-15T08:00:00"))
    #expect(reminders.map(\.kind) == [.date("work anniversary")])
    #expect(reminders.first?.occurrence == day("2027-01-05"))
    #expect(zone.show(reminders.first?.due) == zone.iso("2027-01-02T09:00:00"))
  }
}
