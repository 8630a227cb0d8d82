@preconcurrency import CSystemd
@preconcurrency import Glibc

/// Structured entries for the systemd journal through `sd_journal_sendv`.
///
/// libsystemd silently drops fields with invalid names and silently loses the whole entry
/// when journald is not running, so this wrapper validates names itself and offers
/// ``isAvailable`` for callers to choose another sink.
public enum Journal {
  /// The native-protocol socket journald listens on.
  public static let defaultSocketPath = "/run/systemd/journal/socket"

  /// Whether journald's socket exists, i.e. whether an entry sent now can be stored.
  public static var isAvailable: Bool {
    isAvailable(socketPath: defaultSocketPath)
  }

  /// Whether a Unix socket exists at `socketPath` (tests point this elsewhere).
  public static func isAvailable(socketPath: String) -> Bool {
    var info = stat()
    guard stat(socketPath, &info) == 0 else { return false }
    return (info.st_mode & S_IFMT) == S_IFSOCK
  }

  /// Whether `name` is a field name journald keeps: A-Z, 0-9 and `_`, not starting with `_`
  /// (those are trusted fields journald adds itself), 1 to 64 characters.
  public static func isValidFieldName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard !bytes.isEmpty, bytes.count <= 64, bytes[0] != UInt8(ascii: "_") else { return false }
    return bytes.allSatisfy { byte in
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }
  }

  /// Turns an arbitrary key (e.g. swift-log metadata "contact-id") into a valid field name:
  /// uppercased, other characters replaced by `_`, leading underscores and digits prefixed,
  /// truncated to 64 characters.
  public static func sanitizedFieldName(_ key: String) -> String {
    var bytes: [UInt8] = key.uppercased().utf8.map { byte in
      let isLetter = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
      let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      return isLetter || isDigit ? byte : UInt8(ascii: "_")
    }
    // A leading `_` would claim to be a trusted field; journald drops those.
    while bytes.first == UInt8(ascii: "_") { bytes.removeFirst() }
    if bytes.isEmpty { bytes = Array("FIELD".utf8) }
    if bytes.count > 64 { bytes.removeLast(bytes.count - 64) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Sends one entry; fields keep their order, and a name may repeat.
  ///
  /// - Throws: ``SystemError`` with EINVAL for an invalid field name (nothing is sent), or
  ///   with the errno libsystemd reported.
  public static func send(_ fields: KeyValuePairs<String, String>) throws(SystemError) {
    try send(fields.map { ($0.key, $0.value) })
  }

  /// Sends one entry from an array of (name, value) pairs; see ``send(_:)-(KeyValuePairs)``.
  public static func send(_ fields: [(String, String)]) throws(SystemError) {
    guard !fields.isEmpty else {
      throw SystemError(
        operation: "send journal entry", errno: EINVAL, detail: "an entry needs at least one field")
    }
    for (name, _) in fields where !isValidFieldName(name) {
      throw SystemError(
        operation: "send journal field", path: "\"\(name)\"", errno: EINVAL,
        detail: "invalid journal field name (use A-Z, 0-9 and _, not starting with _, at most 64)")
    }
    // One contiguous buffer holds every "NAME=value"; the iovecs point into it, so all of them
    // stay alive for the whole sd_journal_sendv call.
    var buffer: [UInt8] = []
    var ranges: [Range<Int>] = []
    for (name, value) in fields {
      let start = buffer.count
      buffer.append(contentsOf: name.utf8)
      buffer.append(UInt8(ascii: "="))
      buffer.append(contentsOf: value.utf8)
      ranges.append(start..<buffer.count)
    }
    let result: Int32 = buffer.withUnsafeMutableBytes { raw in
      let vectors = ranges.map { range in
        iovec(iov_base: raw.baseAddress! + range.lowerBound, iov_len: range.count)
      }
      return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
    }
    if result < 0 {
      throw SystemError(operation: "send journal entry", errno: -result)
    }
  }
}
