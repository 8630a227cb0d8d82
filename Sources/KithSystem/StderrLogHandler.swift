@preconcurrency import Foundation
@preconcurrency import Glibc
import Logging

/// A swift-log handler for when there is no journal: one line per message on stderr, as
/// "kithd: warning: message key=value".
public struct StderrLogHandler: LogHandler {
  /// Kept for swift-log; the line starts with ``programName``.
  public let label: String
  /// The prefix of each line, by default the executable's name.
  public var programName: String
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?

  /// Creates a handler writing to fd 2.
  public init(
    label: String, programName: String = ProcessInfo.processInfo.processName,
    metadataProvider: Logger.MetadataProvider? = nil
  ) {
    self.label = label
    self.programName = programName
    self.metadataProvider = metadataProvider
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// The line written for `event`, without the trailing newline.
  public func format(_ event: LogEvent) -> String {
    var merged = metadata
    if let provided = metadataProvider?.get() {
      merged.merge(provided) { _, new in new }
    }
    if let explicit = event.metadata {
      merged.merge(explicit) { _, new in new }
    }
    var line = "\(programName): \(event.level): \(event.message)"
    if let error = event.error {
      line += " error=\(Self.quoted(String(describing: error)))"
    }
    for key in merged.keys.sorted() {
      line += " \(key)=\(Self.quoted("\(merged[key]!)"))"
    }
    return line
  }

  public func log(event: LogEvent) {
    let line = format(event) + "\n"
    // One write(2) per line so concurrent loggers do not interleave within a line.
    var bytes = Array(line.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { raw in
        write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
    bytes.removeAll()
  }

  /// Values with spaces, quotes or newlines are quoted so a line stays one parseable line.
  private static func quoted(_ value: String) -> String {
    let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0.isNewline }
    guard needsQuotes else { return value }
    let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
    return "\"\(escaped)\""
  }
}
