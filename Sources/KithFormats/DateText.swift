/// Parses the date spellings address books use for birthdays and anniversaries.
enum DateText {
  /// The outcome of reading one date field.
  enum Parsed: Equatable {
    /// The field holds no date at all (empty, or Outlook's `0/0/00`).
    case empty
    /// A calendar day; year nil when the source left it out.
    case date(month: Int, day: Int, year: Int?)
    /// Text that is not a date.
    case invalid
  }

  /// Reads `1980-03-22`, `19800322`, `--0322`, `--03-22`, `1980-03-22T10:00Z`,
  /// `20090808T1430-0500`, `3/22/1980`, `22 Mar 1980`, and `0/0/00` (empty).
  ///
  /// Year 1604 is Apple's and CardBook's "no year" sentinel and year 0 a common placeholder,
  /// so both give a nil year.
  static func parse(_ raw: String) -> Parsed {
    let text = raw.trimmingWhitespace()
    if text.isEmpty { return .empty }
    let bytes = Array(text.utf8)
    if let slash = parseSlashed(bytes) { return slash }
    if let named = parseMonthName(text) { return named }
    return parseISO(bytes)
  }

  /// Days in a month; February has 29 when the year is unknown or a leap year.
  static func daysIn(month: Int, year: Int?) -> Int {
    switch month {
    case 2:
      guard let year else { return 29 }
      return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func make(month: Int, day: Int, year: Int?) -> Parsed {
    let year = (year == 1604 || year == 0) ? nil : year
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
      return .invalid
    }
    return .date(month: month, day: day, year: year)
  }

  private static func digitsValue(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= 48 && byte <= 57 else { return nil }
      value = value * 10 + Int(byte - 48)
    }
    return value
  }

  private static func parseISO(_ all: [UInt8]) -> Parsed {
    // A date-time keeps only its date part.
    var bytes = all[...]
    if let timeMark = bytes.firstIndex(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }
    ) {
      bytes = bytes[..<timeMark]
    }
    let dash = UInt8(ascii: "-")
    if bytes.starts(with: [dash, dash]) {
      let rest = bytes.dropFirst(2).filter { $0 != dash }
      guard rest.count == 4, let month = digitsValue(rest[0..<2]),
        let day = digitsValue(rest[2..<4])
      else { return .invalid }
      return make(month: month, day: day, year: nil)
    }
    let parts = bytes.split(separator: dash, omittingEmptySubsequences: false)
    if parts.count == 3, parts[0].count == 4, let year = digitsValue(parts[0]),
      let month = digitsValue(parts[1]), let day = digitsValue(parts[2]),
      parts[1].count <= 2, parts[2].count <= 2
    {
      return make(month: month, day: day, year: year)
    }
    if parts.count == 1, bytes.count == 8, let year = digitsValue(bytes.prefix(4)),
      let month = digitsValue(bytes.dropFirst(4).prefix(2)), let day = digitsValue(bytes.suffix(2))
    {
      return make(month: month, day: day, year: year)
    }
    return .invalid
  }

  /// US order `M/D/YYYY` as Outlook writes it; two-digit years pivot at 30.
  private static func parseSlashed(_ bytes: [UInt8]) -> Parsed? {
    let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    guard let month = digitsValue(parts[0]), let day = digitsValue(parts[1]),
      var year = digitsValue(parts[2]), parts[0].count <= 2, parts[1].count <= 2
    else { return .invalid }
    if month == 0 && day == 0 { return .empty }
    if parts[2].count <= 2 { year += year < 30 ? 2000 : 1900 }
    return make(month: month, day: day, year: year)
  }

  private static let monthNames = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// `12 Mar 2021` (LinkedIn) or `31 December 1980`.
  private static func parseMonthName(_ text: String) -> Parsed? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    guard words.count == 3, let day = Int(words[0]), let year = Int(words[2]) else { return nil }
    let name = words[1].lowercased()
    guard name.count >= 3, let index = monthNames.firstIndex(of: String(name.prefix(3))) else {
      return nil
    }
    return make(month: index + 1, day: day, year: year)
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and line breaks (including U+00A0).
  func trimmingWhitespace() -> String {
    // Fast path: most values start and end with a visible ASCII character.
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20,
      last < 0x7F
    {
      return self
    }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) {
      return self
    }
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
