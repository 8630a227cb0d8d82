import Foundation

/// Turns raw file bytes into UTF-8 bytes and decodes legacy 8-bit text.
enum TextDecoding {
  /// The file as UTF-8 bytes: BOMs removed, UTF-16 (with or without BOM) transcoded.
  ///
  /// Bytes that are not valid UTF-8 are left alone here so that a vCard can still decode them
  /// per property with the CHARSET it declares.
  static func utf8Bytes(_ data: Data) -> [UInt8] {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return transcodeUTF16(bytes.dropFirst(2), bigEndian: false)
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return transcodeUTF16(bytes.dropFirst(2), bigEndian: true)
    }
    if let bigEndian = unmarkedUTF16(bytes) {
      return transcodeUTF16(bytes[...], bigEndian: bigEndian)
    }
    return bytes
  }

  /// Detects BOM-less UTF-16 from NUL bytes: ASCII text in UTF-16 has a NUL in every other byte.
  ///
  /// Returns true for big-endian, false for little-endian, nil when the bytes do not look like
  /// UTF-16.
  static func unmarkedUTF16(_ bytes: [UInt8]) -> Bool? {
    let sample = bytes.prefix(512)
    guard sample.count >= 4 else { return nil }
    var evenNUL = 0
    var oddNUL = 0
    for (offset, byte) in sample.enumerated() where byte == 0 {
      if offset % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 }
    }
    let pairs = sample.count / 2
    // Most characters of an address book are ASCII, so one half of the bytes is mostly NUL and
    // the other half almost never is.
    if evenNUL * 10 >= pairs * 6 && oddNUL * 10 <= pairs { return true }
    if oddNUL * 10 >= pairs * 6 && evenNUL * 10 <= pairs { return false }
    return nil
  }

  static func transcodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    // Lone surrogates become U+FFFD rather than failing the whole file.
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  /// Whether the bytes are valid UTF-8.
  static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
  }

  /// Decodes bytes as UTF-8, or as Windows-1252 when they are not valid UTF-8.
  static func decode(_ bytes: some Collection<UInt8>, charset: String? = nil) -> String {
    let label = charset?.lowercased()
    if let label, isLegacy8Bit(label) { return windows1252(bytes) }
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    // A declared UTF-8 charset with broken bytes is more likely a cut-off sequence than Latin-1.
    if label == "utf-8" || label == "utf8" { return String(decoding: bytes, as: UTF8.self) }
    return windows1252(bytes)
  }

  static func isLegacy8Bit(_ label: String) -> Bool {
    label.hasPrefix("windows-125") || label.hasPrefix("cp125") || label.hasPrefix("iso-8859")
      || label.hasPrefix("latin") || label == "us-ascii" || label == "ascii"
  }

  /// Windows-1252, a superset of Latin-1 for printable characters.
  static func windows1252(_ bytes: some Collection<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      if byte >= 0x80 && byte < 0xA0 {
        scalars.append(Unicode.Scalar(cp1252High[Int(byte) - 0x80]) ?? "\u{FFFD}")
      } else {
        scalars.append(Unicode.Scalar(byte))
      }
    }
    return String(scalars)
  }

  /// Code points of bytes 0x80 to 0x9F in Windows-1252; the five unassigned ones map to C1.
  private static let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]
}
