/// The address-book formats kith can import.
public enum ImportFormat: String, Sendable, CaseIterable, Codable {
  /// vCard 2.1, 3.0 or 4.0 (`.vcf`).
  case vcard
  /// LinkedIn's `Connections.csv` data export.
  case linkedin
  /// Any other CSV with a header row (Google, Outlook, Thunderbird, kith's own export).
  case csv
}
