import Foundation
import Testing

@testable import KithFormats

/// Structure of the iCalendar output; a Python icalendar check is added elsewhere.
@Suite struct ICalendarWriterTests {
  let stamp = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z

  let events = [
    CalendarEvent(
      uid: "kith-birthday-c42@kith", summary: "Birthday: Zoë, \"Z\"; Ærø",
      description: "Turns 30\nCall her\\text", year: 1996, month: 2, day: 29, yearly: true),
    CalendarEvent(
      uid: "kith-once-1@kith", summary: String(repeating: "Long summary ", count: 10), year: 2024,
      month: 12, day: 31, yearly: false),
  ]

  @Test func calendarStructure() {
    let text = ICalendarWriter.write(events, stamp: stamp)
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kith//kith//EN\r\n"))
    #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    let lines = text.components(separatedBy: "\r\n").dropLast()
    #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    #expect(lines.contains("CALSCALE:GREGORIAN"))
    #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
    #expect(lines.filter { $0 == "DTSTAMP:20231114T221320Z" }.count == 2)
    #expect(lines.contains("UID:kith-birthday-c42@kith"))
    #expect(lines.contains("DTSTART;VALUE=DATE:19960229"))
    #expect(lines.contains("DTEND;VALUE=DATE:19960301"))
    #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"))
    #expect(lines.contains("SUMMARY:Birthday: Zoë\\, \"Z\"\\; Ærø"))
    #expect(lines.contains("DESCRIPTION:Turns 30\\nCall her\\\\text"))
    #expect(lines.contains("DTSTART;VALUE=DATE:20241231"))
    #expect(lines.contains("DTEND;VALUE=DATE:20250101"))
    #expect(lines.filter { $0.hasPrefix("RRULE") }.count == 1)
    #expect(lines.contains { $0.hasPrefix(" ") })
  }

  @Test func ordinaryYearlyRule() {
    let event = CalendarEvent(uid: "u", summary: "s", year: 1980, month: 3, day: 22, yearly: true)
    let text = ICalendarWriter.write([event], stamp: stamp)
    #expect(text.contains("\r\nRRULE:FREQ=YEARLY\r\n"))
    #expect(text.contains("\r\nDTEND;VALUE=DATE:19800323\r\n"))
  }

  @Test func outputIsStable() {
    #expect(
      ICalendarWriter.write(events, stamp: stamp) == ICalendarWriter.write(events, stamp: stamp))
  }

  @Test(arguments: [
    (0.0, "19700101T000000Z"), (951_782_400.0, "20000229T000000Z"),
    (-1.0, "19691231T235959Z"), (4_102_444_799.0, "20991231T235959Z"),
  ])
  func utcStamp(seconds: Double, expected: String) {
    #expect(ICalendarWriter.utcStamp(Date(timeIntervalSince1970: seconds)) == expected)
  }
}
