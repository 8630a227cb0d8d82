/// How to read an address-book file.
public struct ImportOptions: Sendable {
  /// The format to assume; nil detects it from the content.
  public var format: ImportFormat?
  /// kith field to CSV column name, for example `"email": "Mail"`; wins over recognised headers.
  ///
  /// Fields: name, first_name, last_name, email, phone, birthday, note, company, position,
  /// linkedin, url, categories.
  public var columnMap: [String: String]

  /// Creates options; the defaults detect the format and recognise columns by their headers.
  public init(format: ImportFormat? = nil, columnMap: [String: String] = [:]) {
    self.format = format
    self.columnMap = columnMap
  }
}
