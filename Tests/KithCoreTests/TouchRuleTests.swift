import Foundation
import KithCore
import Testing

@Suite("Keep-in-touch rule")
struct TouchRuleTests {
  @Test(
    "Due at notify_at on the last interaction's date plus the cadence",
    arguments: Zone.all,
    [
      ("1 month", "2027-01-31", "2027-02-28"),
      ("1 month", "2028-01-31", "2028-02-29"),
      ("2 weeks", "2027-06-01", "2027-06-15"),
      ("quarterly", "2026-11-30", "2027-02-28"),
      ("10 days", "2027-07-25", "2027-08-04"),
      ("6 months", "2027-01-31", "2027-07-31"),
      ("1 year", "2027-02-01", "2028-02-01"),
    ])
  func dueDate(zone: Zone, touch: (cadence: String, last: String, due: String)) throws {
    let planner = zone.planner(notifyAt: "08:15", circles: ["c": touch.cadence])
    let contact = Contact.make(circles: ["c"])
    let now = zone.at(day(touch.last).adding(days: 1).description + "T12:00:00")
    let reminder = try #require(
      planner.current(.touch, for: contact, lastContact: day(touch.last), now: now))
    #expect(reminder.occurrence == day(touch.due))
    #expect(zone.show(reminder.scheduled) == zone.iso(touch.due + "T08:15:00"))
    #expect(reminder.due == reminder.scheduled)
    #expect(reminder.phase == .scheduled)
    #expect(reminder.circle == "c")
    #expect(reminder.cadence == Cadence(touch.cadence))
  }

  @Test(
    "A due date on a day without delivery moves forward to the next delivery day",
    arguments: Zone.all,
    [
      // Every two weeks after Sat 2027-01-02: Sat 01-16, with mon–fri on Mon 01-18.
      ("2 weeks", "2027-01-02", weekdays, "2027-01-18"),
      ("2 weeks", "2027-01-03", weekdays, "2027-01-18"),  // Sunday
      ("2 weeks", "2027-01-01", weekdays, "2027-01-15"),  // Friday stays
      ("2 weeks", "2027-01-02", Set(Weekday.allCases), "2027-01-16"),  // all days: no move
      ("2 weeks", "2027-01-03", Set(Weekday.allCases), "2027-01-17"),
      ("1 month", "2026-12-16", weekdays, "2027-01-18"),
      ("2 weeks", "2027-01-02", [.wed], "2027-01-20"),
      ("1 month", "2027-05-31", weekdays, "2027-06-30"),  // Wednesday stays
      ("2 weeks", "2027-07-17", [.sat, .sun], "2027-07-31"),  // Saturday allowed
    ] as [(String, String, Set<Weekday>, String)])
  func deliveryDays(
    zone: Zone, touch: (cadence: String, last: String, days: Set<Weekday>, due: String)
  ) throws {
    let planner = zone.planner(days: touch.days, circles: ["c": touch.cadence])
    let now = zone.at(touch.last + "T12:00:00")
    let reminder = try #require(
      planner.current(.touch, for: .make(circles: ["c"]), lastContact: day(touch.last), now: now))
    #expect(reminder.occurrence == day(touch.due))
    #expect(touch.days.contains(reminder.occurrence.weekday))
    #expect(zone.show(reminder.due) == zone.iso(touch.due + "T09:00:00"))
  }

  @Test(
    "The shortest cadence among configured circles wins; the contact's own every overrides",
    arguments: Zone.all,
    [
      (["colleagues", "core", "recruiters"], nil, "2027-06-01", "core"),
      (["recruiters", "colleagues"], nil, "2027-08-01", "recruiters"),
      (["colleagues", "friends"], nil, "2027-07-01", "friends"),
      (["core"], "2 weeks", "2027-05-15", "core"),
      (["core"], "1 year", "2028-05-01", "core"),
      ([], "3 weeks", "2027-05-22", nil),
      (["bogus", "recruiters"], nil, "2027-08-01", "recruiters"),
      // A circle no longer in the config is never reported as the one that applies.
      (["bogus"], "2 weeks", "2027-05-15", nil),
    ] as [([String], String?, String, String?)])
  func cadenceChoice(
    zone: Zone, touch: (circles: [String], every: String?, due: String, circle: String?)
  ) throws {
    let contact = Contact.make(circles: touch.circles, every: touch.every)
    let now = zone.at("2027-05-02T12:00:00")
    let reminder = try #require(
      zone.planner().current(.touch, for: contact, lastContact: day("2027-05-01"), now: now))
    #expect(reminder.occurrence == day(touch.due))
    #expect(zone.show(reminder.due) == zone.iso(touch.due + "T09:00:00"))
    #expect(reminder.circle == touch.circle)
  }

  @Test(
    "No configured circle and no every: no keep-in-touch reminder",
    arguments: Zone.all, [[], ["bogus"], ["Core"], ["bogus", "other"]])
  func noCadence(zone: Zone, circles: [String]) {
    let contact = Contact.make(circles: circles, birthday: "06-15")
    let planner = zone.planner()
    let now = zone.at("2027-05-02T12:00:00")
    #expect(planner.current(.touch, for: contact, lastContact: day("2027-05-01"), now: now) == nil)
    #expect(planner.current(.touch, for: contact, now: now) == nil)
    #expect(planner.touchDate(for: contact, lastContact: nil) == nil)
    // The birthday still counts.
    #expect(planner.current(.birthday, for: contact, now: now) != nil)
  }

  @Test("Overdue keep-in-touch reminders are due", arguments: Zone.all)
  func overdue(zone: Zone) throws {
    let now = zone.at("2027-06-20T12:00:00")
    let reminder = try #require(
      zone.planner().current(
        .touch, for: .make(circles: ["core"]), lastContact: day("2027-05-01"), now: now))
    #expect(zone.show(reminder.due) == zone.iso("2027-06-01T09:00:00"))
    #expect(reminder.phase == .due)
  }
}

@Suite("Never contacted")
struct NeverContactedTests {
  @Test(
    "The first due day falls in [added, added + cadence)",
    arguments: Zone.all, ["1 month", "2 weeks", "quarterly", "10 days", "1 year"])
  func window(zone: Zone, cadence: String) throws {
    let planner = zone.planner(circles: ["c": cadence])
    // Late in the local evening, so the local date differs from the UTC date somewhere.
    let added = zone.at("2027-01-20T23:30:00")
    let start = day("2027-01-20")
    let end = try #require(Cadence(cadence)).advance(start)
    var seen: Set<CivilDate> = []
    for index in 0..<60 {
      let contact = Contact.make(id: "person-\(index)", circles: ["c"], added: added)
      let reminder = try #require(planner.current(.touch, for: contact, now: added))
      #expect(reminder.occurrence >= start && reminder.occurrence < end, "\(contact.id)")
      #expect(zone.calendar.date(of: reminder.due) == reminder.occurrence)
      #expect(zone.calendar.secondsIntoDay(of: reminder.due) == 9 * 3600)
      seen.insert(reminder.occurrence)
    }
    // Sixty people over ten days or more do not all land on a handful of days.
    #expect(seen.count >= min(8, start.days(until: end)))
  }

  @Test("The first due day is derived from the id alone", arguments: Zone.all)
  func deterministic(zone: Zone) throws {
    let planner = zone.planner()
    let added = zone.at("2027-01-10T10:00:00")
    let first = planner.touchDate(for: .make(id: "ada-lovelace", added: added), lastContact: nil)
    let again = planner.touchDate(
      for: .make(
        id: "ada-lovelace", name: "Someone Else", circles: ["core", "bogus"], added: added),
      lastContact: nil)
    #expect(first != nil)
    #expect(first == again)
    let days = Set(
      ["ada", "grace", "alan", "edsger", "barbara", "donald", "ken", "dennis", "margaret", "linus"]
        .map { planner.touchDate(for: .make(id: $0, added: added), lastContact: nil) })
    #expect(days.count >= 5)
  }

  @Test("500 people added the same day spread over the month", arguments: Zone.all)
  func spread(zone: Zone) {
    let planner = zone.planner()
    let added = zone.at("2027-01-10T15:00:00")
    let start = day("2027-01-10")
    let span = start.days(until: day("2027-02-10"))
    var counts: [Int: Int] = [:]
    for index in 0..<500 {
      guard
        let date = planner.touchDate(for: .make(id: "c\(index)", added: added), lastContact: nil)
      else {
        Issue.record("c\(index) has no first due day")
        continue
      }
      counts[start.days(until: date), default: 0] += 1
    }
    #expect(counts.values.reduce(0, +) == 500)
    #expect(counts.keys.allSatisfy { (0..<span).contains($0) }, "outside the window: \(counts)")
    let limit = 3 * 500 / span
    #expect(counts.values.allSatisfy { $0 <= limit }, "more than \(limit) on a day: \(counts)")
  }
}
