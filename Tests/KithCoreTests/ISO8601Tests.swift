import Foundation
import KithCore
import Testing

@Suite("ISO 8601 text")
struct ISO8601Tests {
  @Test(arguments: ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"])
  func roundTrip(zone: String) {
    let calendar = LocalCalendar(timeZone: TimeZone(identifier: zone)!)
    // Every 7 hours and 13 minutes over three years, through each DST change.
    var seconds = 1_767_225_600
    while seconds < 1_861_920_000 {
      let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
      #expect(LocalCalendar.parseISO8601(calendar.iso8601(instant)) == instant)
      seconds += 7 * 3600 + 13 * 60
    }
  }

  @Test(arguments: [
    ("2027-03-14T03:30:00-04:00", 1_805_009_400.0), ("2027-03-14T07:30:00Z", 1_805_009_400.0),
    ("2026-11-24T17:05:09+05:30", 1_795_520_109.0),
  ])
  func knownInstants(text: String, seconds: Double) {
    #expect(LocalCalendar.parseISO8601(text) == Date(timeIntervalSince1970: seconds))
  }

  @Test(arguments: [
    "", "2027-03-14", "2027-03-14T25:00:00Z", "2027-02-30T10:00:00Z", "2027-03-14T10:00:00+0400",
    "2027-03-14 10:00:00Z", "2027-03-14T10:00:00+04:60", "x027-03-14T10:00:00Z",
  ])
  func refused(text: String) {
    #expect(LocalCalendar.parseISO8601(text) == nil)
  }
}
