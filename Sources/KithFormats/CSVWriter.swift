import Foundation

/// Writes contacts as CSV with kith's own columns, which `ContactFileReader` reads back.
public enum CSVWriter {
  /// kith's columns, in order. Categories is last so the documented columns keep their places.
  public static let columns = [
    "Id", "Name", "Emails", "Phones", "LinkedIn", "URLs", "Company", "Position", "Birthday",
    "Dates", "Circles", "Every", "Note", "Met On", "Categories",
  ]

  /// A header row and one row per contact, CRLF line ends as RFC 4180 asks.
  ///
  /// List cells (Emails, Phones, URLs, Circles, Categories) hold one value per line, and Dates
  /// one `label: YYYY-MM-DD` (or `--MM-DD`) per line, so values may contain commas and
  /// semicolons.
  public static func write(_ contacts: [ImportedContact]) -> String {
    var out = columns.map(field).joined(separator: ",") + "\r\n"
    for contact in contacts {
      let cells: [String] = [
        contact.id ?? "",
        contact.name,
        contact.emails.joined(separator: "\n"),
        contact.phones.joined(separator: "\n"),
        contact.linkedIn ?? "",
        contact.urls.joined(separator: "\n"),
        contact.company ?? "",
        contact.position ?? "",
        contact.birthday?.isoText ?? "",
        contact.dates.map { "\($0.label): \($0.isoText)" }.joined(separator: "\n"),
        contact.circles.joined(separator: "\n"),
        contact.every ?? "",
        contact.note ?? "",
        contact.metOn ?? "",
        contact.categories.joined(separator: "\n"),
      ]
      out += cells.map(field).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// Quotes a cell when it holds a comma, quote or line break, or edge spaces a reader trims.
  static func field(_ value: String) -> String {
    let needsQuotes = value.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
