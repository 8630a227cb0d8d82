import Foundation
import KithCore
import Testing

@Suite("Local times across DST changes")
struct DSTTests {
  @Test(
    "A time in a spring-forward gap moves forward by the gap; a repeated time takes the earlier",
    arguments: [
      // Spring forward: 02:30 does not exist.
      (Zone.newYork, "2027-03-14", "02:30", "2027-03-14T03:30:00-04:00"),
      (.berlin, "2027-03-28", "02:30", "2027-03-28T03:30:00+02:00"),
      (.auckland, "2027-09-26", "02:30", "2027-09-26T03:30:00+13:00"),
      (.newYork, "2027-03-14", "02:00", "2027-03-14T03:00:00-04:00"),
      (.newYork, "2027-03-14", "02:59", "2027-03-14T03:59:00-04:00"),
      // Around the gap, times keep their own offset.
      (.newYork, "2027-03-14", "01:59", "2027-03-14T01:59:00-05:00"),
      (.newYork, "2027-03-14", "03:00", "2027-03-14T03:00:00-04:00"),
      (.berlin, "2027-03-28", "01:30", "2027-03-28T01:30:00+01:00"),
      (.auckland, "2027-09-26", "01:59", "2027-09-26T01:59:00+12:00"),
      // Fall back: the repeated hour takes the earlier instant.
      (.newYork, "2026-11-01", "01:30", "2026-11-01T01:30:00-04:00"),
      (.newYork, "2026-11-01", "01:00", "2026-11-01T01:00:00-04:00"),
      (.newYork, "2026-11-01", "02:00", "2026-11-01T02:00:00-05:00"),
      (.newYork, "2026-11-01", "00:59", "2026-11-01T00:59:00-04:00"),
      (.berlin, "2026-10-25", "02:30", "2026-10-25T02:30:00+02:00"),
      (.berlin, "2026-10-25", "03:00", "2026-10-25T03:00:00+01:00"),
      (.auckland, "2027-04-04", "02:30", "2027-04-04T02:30:00+13:00"),
      (.auckland, "2027-04-04", "03:00", "2027-04-04T03:00:00+12:00"),
      // No DST in India.
      (.kolkata, "2027-03-14", "02:30", "2027-03-14T02:30:00+05:30"),
      (.kolkata, "2027-03-28", "02:30", "2027-03-28T02:30:00+05:30"),
      (.kolkata, "2026-11-01", "01:30", "2026-11-01T01:30:00+05:30"),
      (.kolkata, "2027-07-01", "09:00", "2027-07-01T09:00:00+05:30"),
      (.kolkata, "2027-01-01", "00:00", "2027-01-01T00:00:00+05:30"),
    ])
  func localTimes(zone: Zone, date: String, time: String, expected: String) {
    #expect(zone.show(zone.calendar.instant(day(date), wall(time))) == expected)
  }

  @Test(
    "notify_at in a DST gap or overlap, through the planner",
    arguments: [
      (Zone.newYork, "2027-03-14", "02:30", "2027-03-14T03:30:00-04:00"),
      (.berlin, "2027-03-28", "02:30", "2027-03-28T03:30:00+02:00"),
      (.auckland, "2027-09-26", "02:30", "2027-09-26T03:30:00+13:00"),
      (.newYork, "2026-11-01", "01:30", "2026-11-01T01:30:00-04:00"),
      (.berlin, "2026-10-25", "02:30", "2026-10-25T02:30:00+02:00"),
      (.auckland, "2027-04-04", "02:30", "2027-04-04T02:30:00+13:00"),
      (.kolkata, "2027-03-14", "02:30", "2027-03-14T02:30:00+05:30"),
    ])
  func notifyAt(zone: Zone, date: String, time: String, expected: String) throws {
    let planner = zone.planner(notifyAt: time, circles: ["weekly": "1 week"])
    let target = day(date)
    let contact = Contact.make(
      circles: ["weekly"], birthday: String(date.dropFirst(5)),
      added: instant(target.adding(days: -30).description + "T12:00:00Z"))
    let now = instant(target.adding(days: -3).description + "T12:00:00Z")
    let touch = try #require(
      planner.current(.touch, for: contact, lastContact: target.adding(days: -7), now: now))
    #expect(zone.show(touch.due) == expected)
    let birthday = try #require(planner.current(.birthday, for: contact, now: now))
    #expect(zone.show(birthday.due) == expected)
  }

  @Test(
    "Every local 09:00 maps back to its date and time, all year",
    arguments: Zone.all, ["00:00", "02:30", "09:00", "23:59"])
  func roundTrip(zone: Zone, time: String) {
    let calendar = zone.calendar
    let wallTime = wall(time)
    for number in day("2026-01-01").dayNumber...day("2028-12-31").dayNumber {
      let date = CivilDate(dayNumber: number)
      let moment = calendar.instant(date, wallTime)
      // A gap moves the time forward by at most an hour, on the same day here.
      let shift = calendar.secondsIntoDay(of: moment) - wallTime.secondsIntoDay
      if calendar.date(of: moment) != date || !(shift == 0 || shift == 3600) {
        Issue.record("\(date) \(time) became \(calendar.iso8601(moment))")
      }
    }
  }
}
