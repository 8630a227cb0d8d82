import Foundation

/// One unfolded vCard content line: `[group.]NAME;PARAM=VALUE:value`, kept as bytes.
struct VCardProperty {
  /// The group prefix, lowercased (`item1`), or empty.
  var group: String
  /// The property name, uppercased.
  var name: String
  /// Parameters by uppercased name; 2.1 bare parameters such as `HOME` are filed under TYPE.
  var params: [String: [String]]
  /// The raw value bytes after the first unquoted colon, still encoded and escaped.
  var value: [UInt8]
  /// Line where the property starts.
  var line: Int

  var isQuotedPrintable: Bool { hasParam("ENCODING", "QUOTED-PRINTABLE") }
  var isBase64: Bool { hasParam("ENCODING", "BASE64") || hasParam("ENCODING", "B") }

  func hasParam(_ key: String, _ value: String) -> Bool {
    params[key]?.contains { $0.caseInsensitiveCompare(value) == .orderedSame } ?? false
  }

  /// Parses the name and parameters of a content line; nil when it is not a property line.
  ///
  /// Returns the property with only the value bytes on the first physical line.
  static func parse(_ bytes: ArraySlice<UInt8>, line: Int) -> VCardProperty? {
    var index = bytes.startIndex
    var nameEnd = index
    while nameEnd < bytes.endIndex, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
    guard nameEnd > index, nameEnd < bytes.endIndex else { return nil }
    let separator = bytes[nameEnd]
    guard separator == colon || separator == semicolon else { return nil }
    var fullName = String(decoding: bytes[index..<nameEnd], as: UTF8.self)
    var group = ""
    if let dot = fullName.lastIndex(of: ".") {
      group = fullName[..<dot].lowercased()
      fullName = String(fullName[fullName.index(after: dot)...])
    }
    var property = VCardProperty(
      group: group, name: fullName.uppercased(), params: [:], value: [], line: line)
    index = nameEnd
    while index < bytes.endIndex && bytes[index] == semicolon {
      index += 1
      index = property.parseParam(bytes, from: index)
    }
    guard index < bytes.endIndex, bytes[index] == colon else { return nil }
    property.value = Array(bytes[(index + 1)...])
    return property
  }

  /// Parses one parameter starting at `start`; returns the index of the `;` or `:` after it.
  private mutating func parseParam(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
    var index = start
    var key: [UInt8] = []
    while index < bytes.endIndex, bytes[index] != equals, bytes[index] != semicolon,
      bytes[index] != colon
    {
      key.append(bytes[index])
      index += 1
    }
    let keyText = String(decoding: key, as: UTF8.self).trimmingWhitespace().uppercased()
    guard index < bytes.endIndex, bytes[index] == equals else {
      // vCard 2.1 bare parameters: `;HOME`, `;QUOTED-PRINTABLE`, and the empty `TEL;:`.
      if keyText.isEmpty { return index }
      let bareKey = Self.bareEncodings.contains(keyText) ? "ENCODING" : "TYPE"
      params[bareKey, default: []].append(keyText)
      return index
    }
    index += 1
    var values: [String] = []
    var current: [UInt8] = []
    var quoted = false
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == quote {
        quoted.toggle()
      } else if !quoted && (byte == semicolon || byte == colon) {
        break
      } else if !quoted && byte == comma {
        values.append(String(decoding: current, as: UTF8.self))
        current.removeAll()
      } else {
        current.append(byte)
      }
      index += 1
    }
    values.append(String(decoding: current, as: UTF8.self))
    params[keyText, default: []].append(contentsOf: values.filter { !$0.isEmpty })
    return index
  }

  /// Whether a physical line starts like a content line: a name, then `;` or `:`, and a colon.
  static func looksLikeProperty(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    while index < bytes.endIndex, isNameByte(bytes[index]) { index += 1 }
    guard index > bytes.startIndex, index < bytes.endIndex else { return false }
    let separator = bytes[index]
    if separator == colon { return true }
    return separator == semicolon && bytes[index...].contains(colon)
  }

  private static let bareEncodings: Set<String> = [
    "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT",
  ]

  private static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."):
      return true
    default:
      return false
    }
  }

  // MARK: Values

  /// The value bytes with quoted-printable decoded when the property says so.
  var decodedBytes: [UInt8] {
    isQuotedPrintable ? Self.decodeQuotedPrintable(value) : value
  }

  /// The value as one text, escapes resolved.
  var text: String {
    decode(Self.unescapedPieces(decodedBytes, separator: nil)[0])
  }

  /// The value split at unescaped `separator` bytes, each piece unescaped and decoded.
  func pieces(separator: UInt8) -> [String] {
    Self.unescapedPieces(decodedBytes, separator: separator).map(decode)
  }

  private func decode(_ bytes: [UInt8]) -> String {
    TextDecoding.decode(bytes, charset: params["CHARSET"]?.first)
  }

  static func decodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == equals, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
        let low = hexValue(bytes[index + 2])
      {
        out.append(high << 4 | low)
        index += 3
      } else if byte == equals && index == bytes.count - 1 {
        index += 1  // A soft line break left at the very end.
      } else {
        out.append(byte)
        index += 1
      }
    }
    return out
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    default: return nil
    }
  }

  /// Splits at unescaped separators and resolves `\n`, `\,`, `\;`, `\:` and `\\`.
  ///
  /// Unknown escapes keep their backslash, since 2.1 files often hold literal ones.
  static func unescapedPieces(_ bytes: [UInt8], separator: UInt8?) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    var current: [UInt8] = []
    current.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == backslash && index + 1 < bytes.count {
        let next = bytes[index + 1]
        switch next {
        case UInt8(ascii: "n"), UInt8(ascii: "N"): current.append(newline)
        case comma, semicolon, colon, backslash: current.append(next)
        default: current.append(contentsOf: [byte, next])
        }
        index += 2
        continue
      }
      if let separator, byte == separator {
        pieces.append(current)
        current = []
      } else {
        current.append(byte)
      }
      index += 1
    }
    pieces.append(current)
    return pieces
  }
}

let colon = UInt8(ascii: ":")
let semicolon = UInt8(ascii: ";")
let comma = UInt8(ascii: ",")
let equals = UInt8(ascii: "=")
let quote = UInt8(ascii: "\"")
let backslash = UInt8(ascii: "\\")
let newline = UInt8(ascii: "\n")
let carriageReturn = UInt8(ascii: "\r")
