import Foundation

/// Reads an address-book file of any supported format into contacts.
public enum ContactFileReader {
  /// Reads the file at `path` and parses it; see `parse(_:path:options:)`.
  public static func read(path: String, options: ImportOptions) throws(ImportError)
    -> ImportResult
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    return try parse(data, path: path, options: options)
  }

  /// Parses file content, detecting the format unless `options.format` names it.
  ///
  /// `path` is only used in problems and errors. Never traps on any input.
  public static func parse(_ data: Data, path: String, options: ImportOptions) throws(ImportError)
    -> ImportResult
  {
    let bytes = TextDecoding.utf8Bytes(data)
    if options.format == .vcard || (options.format == nil && startsWithVCard(bytes)) {
      return VCardReader.read(bytes, path: path)
    }
    guard options.format != nil || looksLikeText(bytes) else { throw .unrecognised(path: path) }
    // CSV has no per-field charset, so a file that is not UTF-8 is Windows-1252 throughout.
    let text = TextDecoding.isValidUTF8(bytes) ? bytes : Array(TextDecoding.windows1252(bytes).utf8)
    let table = CSVTable(text)
    let linkedInHeader = LinkedInReader.headerIndex(in: table)
    if options.format == .linkedin || (options.format == nil && linkedInHeader != nil) {
      return try LinkedInReader.read(table, headerIndex: linkedInHeader, path: path)
    }
    return try CSVContactReader.read(table, path: path, columnMap: options.columnMap)
  }

  /// Whether the content begins, after whitespace, with BEGIN:VCARD in any case.
  static func startsWithVCard(_ bytes: [UInt8]) -> Bool {
    guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return false }
    let expected = Array("BEGIN:VCARD".utf8)
    let head = bytes[start...].prefix(expected.count)
    guard head.count == expected.count else { return false }
    return zip(head, expected).allSatisfy { pair in
      pair.0 == pair.1 || (pair.0 >= 97 && pair.0 <= 122 && pair.0 - 32 == pair.1)
    }
  }

  /// Binary files (NUL bytes and other control characters) are not CSV.
  static func looksLikeText(_ bytes: [UInt8]) -> Bool {
    !bytes.isEmpty
      && !bytes.prefix(4096).contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
