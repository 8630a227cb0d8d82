import Foundation

/// Finds where a key is written in TOML source, since parsed values carry no positions.
///
/// It follows `[table]` headers and dotted keys, which covers how kith's config is written;
/// a key it cannot find gets an error without a line, still naming the key path.
struct KeyLocator {
  private var entries: [(path: [String], line: Int, column: Int, keyColumn: Int)] = []

  init(text: String) {
    var table: [String] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      let indent = line.count - trimmed.count
      if trimmed.hasPrefix("[") {
        let inner = trimmed.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
        table = Self.splitKey(inner)
        entries.append((table, index + 1, indent + 1, indent + 1))
      } else if let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
        let key = Self.splitKey(trimmed[..<equals])
        let afterEquals = trimmed[trimmed.index(after: equals)...]
        let valueOffset =
          trimmed.distance(from: trimmed.startIndex, to: equals) + 1
          + afterEquals.prefix(while: { $0 == " " || $0 == "\t" }).count
        entries.append((table + key, index + 1, indent + valueOffset + 1, indent + 1))
      }
    }
  }

  /// Line and column (1-based) of the key's value, or of the table header.
  func position(of path: [String]) -> (line: Int, column: Int)? {
    entries.first(where: { $0.path == path }).map { ($0.line, $0.column) }
  }

  /// Line and column (1-based) of the key itself, or of the table header: where a key that
  /// should not be there is written.
  func keyPosition(of path: [String]) -> (line: Int, column: Int)? {
    entries.first(where: { $0.path == path }).map { ($0.line, $0.keyColumn) }
  }

  private static func splitKey(_ text: Substring) -> [String] {
    text.split(separator: ".").map {
      $0.trimmingCharacters(in: [" ", "\t", "\"", "'"])
    }
  }
}
