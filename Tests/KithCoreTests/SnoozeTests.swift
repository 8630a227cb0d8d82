import Foundation
import KithCore
import Testing

@Suite("Snooze")
struct SnoozeTests {
  @Test(
    "Every accepted form, from Wednesday 2027-01-13 10:00",
    arguments: Zone.all,
    [
      ("3d", "2027-01-16T10:00:00"),
      ("3 days", "2027-01-16T10:00:00"),
      ("1 day", "2027-01-14T10:00:00"),
      ("2w", "2027-01-27T10:00:00"),
      ("1 week", "2027-01-20T10:00:00"),
      ("4h", "2027-01-13T14:00:00"),
      ("4 hours", "2027-01-13T14:00:00"),
      ("30m", "2027-01-13T10:30:00"),
      ("30 minutes", "2027-01-13T10:30:00"),
      ("90s", "2027-01-13T10:01:30"),
      ("90 seconds", "2027-01-13T10:01:30"),
      ("tomorrow", "2027-01-14T09:00:00"),
      ("Tomorrow ", "2027-01-14T09:00:00"),
      ("monday", "2027-01-18T09:00:00"),
      ("fri", "2027-01-15T09:00:00"),
      ("Thursday", "2027-01-14T09:00:00"),
      ("wednesday", "2027-01-20T09:00:00"),  // today's weekday: next week
      ("tue", "2027-01-19T09:00:00"),
      ("2027-02-01", "2027-02-01T09:00:00"),
      ("2027-01-13 14:30", "2027-01-13T14:30:00"),
      ("2027-02-01 07:05", "2027-02-01T07:05:00"),
      ("12:00", "2027-01-13T12:00:00"),  // still ahead today
      ("10:01", "2027-01-13T10:01:00"),
      ("08:00", "2027-01-14T08:00:00"),  // already past: tomorrow
      ("10:00", "2027-01-14T10:00:00"),  // now exactly: tomorrow
    ])
  func forms(zone: Zone, row: (text: String, expected: String)) throws {
    let result = try Snooze.until(
      row.text, now: zone.at("2027-01-13T10:00:00"), calendar: zone.calendar,
      notifyAt: .nine)
    #expect(zone.show(result) == zone.iso(row.expected))
  }

  @Test(
    "A weekday name means the next one strictly after today",
    arguments: Zone.all,
    [
      ("2027-01-11T08:00:00", "monday", "2027-01-18T09:00:00"),  // Monday before notify_at
      ("2027-01-11T20:00:00", "monday", "2027-01-18T09:00:00"),
      ("2027-01-11T08:00:00", "tuesday", "2027-01-12T09:00:00"),
      ("2027-01-17T23:59:00", "mon", "2027-01-18T09:00:00"),  // Sunday night
      ("2027-01-15T12:00:00", "fri", "2027-01-22T09:00:00"),
    ])
  func weekdayNames(zone: Zone, row: (now: String, text: String, expected: String)) throws {
    let result = try Snooze.until(
      row.text, now: zone.at(row.now), calendar: zone.calendar, notifyAt: .nine)
    #expect(zone.show(result) == zone.iso(row.expected))
  }

  @Test("Dates without a time use notify_at", arguments: Zone.all)
  func dateUsesNotifyAt(zone: Zone) throws {
    let now = zone.at("2027-01-13T10:00:00")
    let notifyAt = wall("07:45")
    for (text, expected) in [
      ("2027-02-01", "2027-02-01T07:45:00"), ("tomorrow", "2027-01-14T07:45:00"),
      ("monday", "2027-01-18T07:45:00"),
    ] {
      let result = try Snooze.until(text, now: now, calendar: zone.calendar, notifyAt: notifyAt)
      #expect(zone.show(result) == zone.iso(expected), "\(text)")
    }
  }

  @Test(
    "Nd keeps the local wall time across DST; Nh is an exact duration",
    arguments: [
      // New York, spring forward on 2027-03-14 and fall back on 2026-11-01.
      (Zone.newYork, "2027-03-13T10:00:00-05:00", "1d", "2027-03-14T10:00:00-04:00"),
      (.newYork, "2027-03-13T10:00:00-05:00", "24h", "2027-03-14T11:00:00-04:00"),
      (.newYork, "2027-03-10T10:00:00-05:00", "1w", "2027-03-17T10:00:00-04:00"),
      (.newYork, "2026-10-31T10:00:00-04:00", "1d", "2026-11-01T10:00:00-05:00"),
      (.newYork, "2026-10-31T10:00:00-04:00", "24h", "2026-11-01T09:00:00-05:00"),
      (.newYork, "2026-10-31T10:00:00-04:00", "1440m", "2026-11-01T09:00:00-05:00"),
      // Berlin, spring forward on 2027-03-28 and fall back on 2026-10-25.
      (.berlin, "2027-03-27T10:00:00+01:00", "1d", "2027-03-28T10:00:00+02:00"),
      (.berlin, "2027-03-27T10:00:00+01:00", "24h", "2027-03-28T11:00:00+02:00"),
      (.berlin, "2026-10-24T10:00:00+02:00", "1d", "2026-10-25T10:00:00+01:00"),
      (.berlin, "2026-10-24T10:00:00+02:00", "24h", "2026-10-25T09:00:00+01:00"),
      (.berlin, "2026-10-24T10:00:00+02:00", "2 days", "2026-10-26T10:00:00+01:00"),
      // Auckland springs forward on 2027-09-26.
      (.auckland, "2027-09-25T10:00:00+12:00", "1d", "2027-09-26T10:00:00+13:00"),
      (.auckland, "2027-09-25T10:00:00+12:00", "24h", "2027-09-26T11:00:00+13:00"),
      // Kolkata: a day is always 24 hours.
      (.kolkata, "2027-03-13T10:00:00+05:30", "1d", "2027-03-14T10:00:00+05:30"),
      (.kolkata, "2027-03-13T10:00:00+05:30", "24h", "2027-03-14T10:00:00+05:30"),
      // From the day before the gap at the time that does not exist the next day.
      (.newYork, "2027-03-13T02:30:00-05:00", "1d", "2027-03-14T03:30:00-04:00"),
    ])
  func acrossDST(zone: Zone, now: String, text: String, expected: String) throws {
    let result = try Snooze.until(
      text, now: instant(now), calendar: zone.calendar, notifyAt: .nine)
    #expect(zone.show(result) == expected)
  }

  @Test(
    "Anything else is refused, naming the accepted forms",
    arguments: [
      ("0d", SnoozeError.unrecognised("0d")),
      ("-1d", .unrecognised("-1d")),
      ("soon", .unrecognised("soon")),
      ("25:00", .unrecognised("25:00")),
      ("12:60", .unrecognised("12:60")),
      ("2027-02-30", .unrecognised("2027-02-30")),
      ("2027-02-30 10:00", .unrecognised("2027-02-30 10:00")),
      ("3x", .unrecognised("3x")),
      ("", .unrecognised("")),
      ("   ", .unrecognised("   ")),
      ("mo", .unrecognised("mo")),
      ("3.5d", .unrecognised("3.5d")),
      ("2027-01-01", .notInFuture("2027-01-01")),
      ("2027-01-13", .notInFuture("2027-01-13")),  // today's notify_at has passed
      ("2027-01-13 09:59", .notInFuture("2027-01-13 09:59")),
      ("2027-01-13 10:00", .notInFuture("2027-01-13 10:00")),  // now is not the future
    ])
  func refused(text: String, error: SnoozeError) {
    let zone = Zone.berlin
    #expect(throws: error) {
      try Snooze.until(
        text, now: zone.at("2027-01-13T10:00:00"), calendar: zone.calendar, notifyAt: .nine)
    }
    #expect(error.description.contains("\"\(text)\""))
    #expect(error.description.contains(SnoozeError.acceptedForms))
    for form in ["Nd", "Nw", "Nh", "Nm", "tomorrow", "monday", "YYYY-MM-DD HH:MM", "HH:MM"] {
      #expect(SnoozeError.acceptedForms.contains(form))
    }
  }
}
