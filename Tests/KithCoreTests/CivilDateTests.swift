import KithCore
import Testing

@Suite("CivilDate arithmetic")
struct CivilDateTests {
  @Test(
    "Known day numbers",
    arguments: [
      ("1970-01-01", 0), ("1969-12-31", -1), ("2000-01-01", 10_957), ("1900-01-01", -25_567),
      ("2027-03-14", 20_891), ("2028-02-29", 21_243), ("0001-01-01", -719_162),
      ("9999-12-31", 2_932_896),
    ])
  func knownDayNumbers(text: String, dayNumber: Int) {
    #expect(day(text).dayNumber == dayNumber)
    #expect(CivilDate(dayNumber: dayNumber).description == text)
  }

  @Test("Day numbers round-trip and step one calendar day at a time, years 1 to 9999")
  func dayNumberRoundTrip() {
    var previous = CivilDate(dayNumber: -719_163)
    #expect(previous.description == "0000-12-31")
    for number in -719_162...2_932_896 {
      let date = CivilDate(dayNumber: number)
      // Plain checks: three million #expects would dominate the run.
      if date.dayNumber != number {
        Issue.record("day \(number) is \(date), which maps back to \(date.dayNumber)")
        return
      }
      let expected =
        previous.day < CivilDate.daysIn(month: previous.month, year: previous.year)
        ? (previous.year, previous.month, previous.day + 1)
        : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
      if (date.year, date.month, date.day) != expected {
        Issue.record("day \(number) is \(date), expected the day after \(previous)")
        return
      }
      previous = date
    }
  }

  @Test(
    "Adding months clamps to the last day of the month",
    arguments: [
      ("2028-01-31", 1, "2028-02-29"),
      ("2027-01-31", 1, "2027-02-28"),
      ("2027-03-31", 1, "2027-04-30"),
      ("2026-11-30", 3, "2027-02-28"),
      ("2027-11-30", 3, "2028-02-29"),
      ("2027-08-31", 6, "2028-02-29"),
      ("2026-08-31", 6, "2027-02-28"),
      ("2026-12-31", 1, "2027-01-31"),
      ("2026-12-15", 13, "2028-01-15"),
      ("2027-03-31", -1, "2027-02-28"),
      ("2027-01-15", -1, "2026-12-15"),
      ("2028-02-29", 12, "2029-02-28"),
      ("2100-01-31", 1, "2100-02-28"),
      ("2000-01-31", 1, "2000-02-29"),
      ("2027-05-31", 0, "2027-05-31"),
    ])
  func addingMonths(start: String, months: Int, expected: String) {
    #expect(day(start).adding(months: months).description == expected)
  }

  @Test(
    "Adding days crosses months, years and Feb 29",
    arguments: [
      ("2028-02-28", 1, "2028-02-29"), ("2027-02-28", 1, "2027-03-01"),
      ("2026-12-31", 1, "2027-01-01"), ("2027-01-01", -1, "2026-12-31"),
      ("2027-01-01", 365, "2028-01-01"), ("2028-01-01", 366, "2029-01-01"),
    ])
  func addingDays(start: String, days: Int, expected: String) {
    #expect(day(start).adding(days: days).description == expected)
    #expect(day(start).days(until: day(expected)) == days)
  }

  @Test(
    "Cadences advance in calendar units",
    arguments: [
      ("1 month", "2027-01-31", "2027-02-28"),
      ("monthly", "2028-01-31", "2028-02-29"),
      ("quarterly", "2026-11-30", "2027-02-28"),
      ("3 months", "2027-11-30", "2028-02-29"),
      ("6m", "2027-08-31", "2028-02-29"),
      ("2 weeks", "2027-12-25", "2028-01-08"),
      ("fortnightly", "2027-02-20", "2027-03-06"),
      ("10d", "2027-02-25", "2027-03-07"),
      ("1 year", "2028-02-29", "2029-02-28"),
    ])
  func cadenceAdvance(cadence: String, start: String, expected: String) throws {
    let parsed = try #require(Cadence(cadence))
    #expect(parsed.advance(day(start)).description == expected)
    #expect(Cadence(parsed.canonical) == parsed)
  }

  @Test(
    "Unreadable cadences", arguments: ["", "1 mnth", "0 days", "month", "-1 month", "1.5 weeks"])
  func badCadence(text: String) {
    #expect(Cadence(text) == nil)
  }

  @Test(
    "Weekdays of known dates",
    arguments: [
      ("1970-01-01", Weekday.thu), ("1969-12-31", .wed), ("2000-01-01", .sat),
      ("1900-01-01", .mon), ("2024-12-25", .wed), ("2027-03-14", .sun), ("2026-11-01", .sun),
      ("2028-02-29", .tue), ("2027-01-11", .mon), ("2027-01-15", .fri), ("2027-01-16", .sat),
    ])
  func weekdays(text: String, weekday: Weekday) {
    #expect(day(text).weekday == weekday)
  }

  @Test(
    "Parsing YYYY-MM-DD accepts real dates only",
    arguments: [
      ("2028-02-29", true), ("2027-02-29", false), ("2027-02-30", false), ("2027-13-01", false),
      ("2027-04-31", false), ("2027-4-01", false), ("27-04-01", false), ("2027-04-01x", false),
      ("", false), ("2100-02-29", false), ("2000-02-29", true),
    ])
  func parsing(text: String, valid: Bool) {
    #expect((CivilDate(text) != nil) == valid)
    if valid { #expect(CivilDate(text)?.description == text) }
  }
}
