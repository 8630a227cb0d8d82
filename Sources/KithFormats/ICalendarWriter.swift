import Foundation
import KithCore

/// Writes all-day events as an RFC 5545 iCalendar file.
public enum ICalendarWriter {
  /// A VCALENDAR with one VEVENT per event; CRLF, folded at 75 octets, TEXT escaped.
  ///
  /// `stamp` becomes every DTSTAMP, in UTC; pass a fixed date for reproducible output.
  public static func write(_ events: [CalendarEvent], stamp: Date) -> String {
    var out = ""
    func line(_ text: String) { out += ContentLine.fold(text) }
    line("BEGIN:VCALENDAR")
    line("VERSION:2.0")
    line("PRODID:-//kith//kith//EN")
    line("CALSCALE:GREGORIAN")
    let dtstamp = utcStamp(stamp)
    for event in events {
      line("BEGIN:VEVENT")
      line("UID:" + ContentLine.escape(event.uid))
      line("DTSTAMP:" + dtstamp)
      line("DTSTART;VALUE=DATE:" + dateText(year: event.year, month: event.month, day: event.day))
      let next = nextDay(year: event.year, month: event.month, day: event.day)
      line("DTEND;VALUE=DATE:" + dateText(year: next.year, month: next.month, day: next.day))
      if event.yearly {
        // A plain yearly rule on Feb 29 only fires in leap years; the last day of February
        // fires every year and is still Feb 29 when there is one.
        line(
          event.month == 2 && event.day == 29
            ? "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" : "RRULE:FREQ=YEARLY")
      }
      line("SUMMARY:" + ContentLine.escape(event.summary))
      if let description = event.description, !description.isEmpty {
        line("DESCRIPTION:" + ContentLine.escape(description))
      }
      line("END:VEVENT")
    }
    line("END:VCALENDAR")
    return out
  }

  static func dateText(year: Int, month: Int, day: Int) -> String {
    YearlyDate.pad(year, 4) + YearlyDate.pad(month, 2) + YearlyDate.pad(day, 2)
  }

  static func nextDay(year: Int, month: Int, day: Int) -> (year: Int, month: Int, day: Int) {
    guard let next = CivilDate(year: year, month: month, day: day)?.adding(days: 1) else {
      return (year, month, day + 1)
    }
    return (next.year, next.month, next.day)
  }

  /// `YYYYMMDDTHHMMSSZ` computed by hand, so no locale or time zone setting can change it.
  static func utcStamp(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secondOfDay = seconds - days * 86400
    let civil = CivilDate(dayNumber: days)
    return dateText(year: civil.year, month: civil.month, day: civil.day) + "T"
      + YearlyDate.pad(secondOfDay / 3600, 2) + YearlyDate.pad(secondOfDay % 3600 / 60, 2)
      + YearlyDate.pad(secondOfDay % 60, 2) + "Z"
  }
}
