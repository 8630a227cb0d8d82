/// Writing helpers shared by the vCard and iCalendar writers (RFC 6350 and RFC 5545 lines).
enum ContentLine {
  /// Most octets a physical line may hold, not counting CRLF.
  static let maxOctets = 75

  /// Folds a content line to at most 75 octets per physical line, never inside a UTF-8
  /// sequence, and ends every physical line with CRLF.
  static func fold(_ line: String) -> String {
    let bytes = Array(line.utf8)
    guard bytes.count > maxOctets else { return line + "\r\n" }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 70 * 3 + 2)
    var start = 0
    var limit = maxOctets
    while start < bytes.count {
      var end = min(start + limit, bytes.count)
      // Step back over UTF-8 continuation bytes so a character stays on one line.
      while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
      if start > 0 { out.append(UInt8(ascii: " ")) }
      out.append(contentsOf: bytes[start..<end])
      out.append(contentsOf: [13, 10])
      start = end
      limit = maxOctets - 1  // The leading space of a continuation line counts.
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// TEXT escaping: backslash, comma, semicolon, and line breaks as `\n`.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ",": out += "\\,"
      case ";": out += "\\;"
      case "\r": out += "\\n"
      case "\n": if !previousWasCR { out += "\\n" }
      default: out.unicodeScalars.append(scalar)
      }
      previousWasCR = scalar == "\r"
    }
    return out
  }
}
