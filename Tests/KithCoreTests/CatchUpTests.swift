import Foundation
import KithCore
import Testing

/// Reminders that fell due while nothing ran: the daemon stopped on 2027-06-01 at 12:00 and
/// starts again three weeks later, on 2027-06-22 at 15:00.
struct Downtime {
  let zone: Zone
  let planner: Planner
  let restart: Date

  init(zone: Zone, renotifyDays: Int? = 1) {
    self.zone = zone
    self.planner = zone.planner(renotifyDays: renotifyDays)
    self.restart = zone.at("2027-06-22T15:00:00")
  }

  static let contacts: [(Contact, CivilDate?)] = [
    (.make(id: "alan", circles: ["core"]), day("2027-05-03")),  // touch due 06-03
    (.make(id: "barbara", circles: [], birthday: "06-10"), nil),
    (.make(id: "claude", circles: ["core"]), day("2027-05-20")),  // touch due 06-20
    (.make(id: "dennis", circles: ["core"]), day("2027-06-01")),  // touch due 07-01
    (.make(id: "edsger", circles: [], birthday: "06-25"), nil),
    (.make(id: "grace", circles: ["friends"], birthday: "06-05"), day("2027-04-15")),  // 06-15
  ]

  /// What fell due during the downtime, in due order.
  static let missed = [
    "alan touch 2027-06-03T09:00:00", "grace birthday 2027-06-05T09:00:00",
    "barbara birthday 2027-06-10T09:00:00", "grace touch 2027-06-15T09:00:00",
    "claude touch 2027-06-20T09:00:00",
  ]

  func reminders(at now: Date, states: [OccurrenceState] = []) -> [Reminder] {
    Self.contacts.flatMap { contact, last in
      planner.reminders(
        for: contact, lastContact: last,
        states: keyed(states.filter { $0.contactID == contact.id }), now: now)
    }
  }

  /// `contact kind due`, with the due instant in local time and without its offset.
  func describe(_ reminders: [Reminder]) -> [String] {
    reminders.map { "\($0.contactID) \($0.kind) \(zone.show($0.due)!.prefix(19))" }
  }
}

@Suite("Catch-up and re-announcement")
struct CatchUpTests {
  @Test("At restart each missed reminder is announced once, in due order", arguments: Zone.all)
  func catchUp(zone: Zone) {
    let downtime = Downtime(zone: zone)
    let reminders = downtime.reminders(at: downtime.restart)
    let announced = downtime.planner.announcements(
      among: reminders, lastAnnounced: { _ in nil }, now: downtime.restart)
    #expect(downtime.describe(announced) == Downtime.missed)
    #expect(Set(announced.map(\.id)).count == announced.count)
  }

  @Test(
    "After the catch-up nothing is announced again until notify_at the next day",
    arguments: Zone.all)
  func recorded(zone: Zone) {
    let downtime = Downtime(zone: zone)
    let reminders = downtime.reminders(at: downtime.restart)
    let log = Dictionary(uniqueKeysWithValues: reminders.map { ($0.id, downtime.restart) })
    let again = downtime.planner.announcements(
      among: reminders, lastAnnounced: { log[$0.id] }, now: downtime.restart)
    #expect(again.isEmpty)
    for reminder in reminders where reminder.phase == .due {
      #expect(
        zone.show(downtime.planner.nextAnnouncement(of: reminder, lastAnnounced: downtime.restart))
          == zone.iso("2027-06-23T09:00:00"))
    }
    let nextMorning = zone.at("2027-06-23T09:00:00")
    let later = downtime.planner.announcements(
      among: downtime.reminders(at: nextMorning), lastAnnounced: { log[$0.id] }, now: nextMorning)
    #expect(downtime.describe(later) == Downtime.missed)
    let justBefore = zone.at("2027-06-23T08:59:00")
    #expect(
      downtime.planner.announcements(
        among: downtime.reminders(at: justBefore), lastAnnounced: { log[$0.id] }, now: justBefore
      ).isEmpty)
  }

  @Test(
    "Announced before the downtime: one announcement at restart, not one per missed day",
    arguments: Zone.all)
  func oncePerRestart(zone: Zone) throws {
    let downtime = Downtime(zone: zone)
    let reminders = downtime.reminders(at: downtime.restart)
    let alan = try #require(reminders.first { $0.contactID == "alan" && $0.kind == .touch })
    let announcedOnTime = zone.at("2027-06-03T09:00:00")
    #expect(
      zone.show(downtime.planner.nextAnnouncement(of: alan, lastAnnounced: announcedOnTime))
        == zone.iso("2027-06-04T09:00:00"))
    let announced = downtime.planner.announcements(
      among: reminders, lastAnnounced: { $0.id == alan.id ? announcedOnTime : nil },
      now: downtime.restart)
    #expect(announced.filter { $0.id == alan.id }.count == 1)
    #expect(downtime.describe(announced) == Downtime.missed)
  }

  @Test("With renotify never, an announced reminder is not announced again", arguments: Zone.all)
  func renotifyNever(zone: Zone) {
    let downtime = Downtime(zone: zone, renotifyDays: nil)
    let reminders = downtime.reminders(at: downtime.restart)
    let first = downtime.planner.announcements(
      among: reminders, lastAnnounced: { _ in nil }, now: downtime.restart)
    #expect(downtime.describe(first) == Downtime.missed)
    for reminder in first {
      #expect(
        downtime.planner.nextAnnouncement(of: reminder, lastAnnounced: downtime.restart) == nil)
    }
    let weekLater = zone.at("2027-06-29T09:00:00")
    let dueThen = downtime.reminders(at: weekLater)
    #expect(
      downtime.describe(
        downtime.planner.announcements(
          among: dueThen,
          lastAnnounced: { reminder in
            first.contains { $0.id == reminder.id } ? downtime.restart : nil
          },
          now: weekLater))
        == ["edsger birthday 2027-06-25T09:00:00"])
  }

  @Test("Renotify after N days waits N days", arguments: Zone.all, [1, 3])
  func renotifyDays(zone: Zone, days: Int) throws {
    let downtime = Downtime(zone: zone, renotifyDays: days)
    let alan = try #require(
      downtime.reminders(at: downtime.restart).first { $0.contactID == "alan" })
    let next = downtime.planner.nextAnnouncement(of: alan, lastAnnounced: downtime.restart)
    #expect(zone.show(next) == zone.iso("2027-06-\(22 + days)T09:00:00"))
  }

  @Test(
    "A reminder snoozed after its announcement is announced again when the snooze ends",
    arguments: Zone.all)
  func snoozedAfterAnnouncement(zone: Zone) throws {
    let downtime = Downtime(zone: zone)
    let planner = downtime.planner
    let reminders = downtime.reminders(at: downtime.restart)
    var log = Dictionary(uniqueKeysWithValues: reminders.map { ($0.id, downtime.restart) })
    let alan = try #require(reminders.first { $0.contactID == "alan" && $0.kind == .touch })
    let snooze = OccurrenceState(
      contactID: "alan", kind: .touch, occurrence: alan.occurrence,
      snoozedUntil: zone.at("2027-06-22T18:00:00"))

    let during = zone.at("2027-06-22T17:59:00")
    let snoozed = downtime.reminders(at: during, states: [snooze])
    #expect(snoozed.first { $0.id == alan.id }?.phase == .snoozed)
    #expect(
      planner.announcements(among: snoozed, lastAnnounced: { log[$0.id] }, now: during).isEmpty)

    let end = zone.at("2027-06-22T18:00:00")
    let woken = planner.announcements(
      among: downtime.reminders(at: end, states: [snooze]), lastAnnounced: { log[$0.id] }, now: end)
    #expect(downtime.describe(woken) == ["alan touch 2027-06-22T18:00:00"])

    log[alan.id] = end
    let after = try #require(
      downtime.reminders(at: end, states: [snooze]).first { $0.id == alan.id })
    #expect(
      zone.show(planner.nextAnnouncement(of: after, lastAnnounced: end))
        == zone.iso("2027-06-23T09:00:00"))
  }
}
