import Testing

@testable import KithFormats

/// Date spellings from vCard, CSV exports and LinkedIn.
@Suite struct DateTextTests {
  static let cases: [(String, DateText.Parsed)] = [
    ("1975-12-12", .date(month: 12, day: 12, year: 1975)),
    ("--12-12", .date(month: 12, day: 12, year: nil)),
    ("--1212", .date(month: 12, day: 12, year: nil)),
    ("12/31/1980", .date(month: 12, day: 31, year: 1980)),
    ("2/3/99", .date(month: 2, day: 3, year: 1999)),
    ("0/0/00", .empty),
    ("", .empty),
    ("31 Dec 1980", .date(month: 12, day: 31, year: 1980)),
    ("03 Feb 2021", .date(month: 2, day: 3, year: 2021)),
    ("16040101", .date(month: 1, day: 1, year: nil)),
    ("1604-02-29", .date(month: 2, day: 29, year: nil)),
    ("2000-02-29", .date(month: 2, day: 29, year: 2000)),
    ("1900-02-29", .invalid),
    ("2012-06-06T10:00:00Z", .date(month: 6, day: 6, year: 2012)),
    ("20090808T1430-0500", .date(month: 8, day: 8, year: 2009)),
    ("circa 1800", .invalid),
    ("13/01/1980", .invalid),
    ("2021-1-5", .date(month: 1, day: 5, year: 2021)),
    ("1980-03", .invalid),
  ]

  @Test(arguments: cases)
  func parses(text: String, expected: DateText.Parsed) {
    #expect(DateText.parse(text) == expected)
  }
}
