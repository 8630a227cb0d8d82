@preconcurrency import Glibc
import Logging

/// A swift-log handler that writes each message as one structured journal entry.
///
/// Fields: MESSAGE, PRIORITY (syslog level from ``Logger/Level``), SYSLOG_IDENTIFIER (the
/// label), CODE_FILE, CODE_LINE, CODE_FUNC, ERROR when an error is attached, and each metadata
/// key as an uppercase field ("contact-id" becomes CONTACT_ID).
public struct JournalLogHandler: LogHandler {
  /// Becomes SYSLOG_IDENTIFIER, which `journalctl -t` filters on.
  public let label: String
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?

  /// Fields this handler sets itself; metadata keys mapping onto them get a prefix instead of
  /// overwriting them.
  private static let reservedFields: Set<String> = [
    "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "ERROR",
  ]

  /// Creates a handler; `label` is the syslog identifier (e.g. "kithd").
  public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
    self.label = label
    self.metadataProvider = metadataProvider
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// The syslog priority journald stores for `level` (0 emerg … 7 debug).
  public static func priority(of level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  public func log(event: LogEvent) {
    var fields: [(String, String)] = [
      ("MESSAGE", event.message.description),
      ("PRIORITY", String(Self.priority(of: event.level))),
      ("SYSLOG_IDENTIFIER", label),
      ("CODE_FILE", event.file),
      ("CODE_LINE", String(event.line)),
      ("CODE_FUNC", event.function),
    ]
    if let error = event.error {
      fields.append(("ERROR", String(describing: error)))
    }
    let merged = mergedMetadata(event.metadata)
    for key in merged.keys.sorted() {
      var name = Journal.sanitizedFieldName(key)
      if Self.reservedFields.contains(name) { name = "META_" + name }
      fields.append((name, "\(merged[key]!)"))
    }
    do {
      try Journal.send(fields)
    } catch {
      // Names are sanitised, so this is a libsystemd failure; stderr is the last resort.
      var fallback = StderrLogHandler(label: label)
      fallback.metadata = metadata
      fallback.log(event: event)
    }
  }

  /// Handler metadata, then the provider's, then the call site's; later ones win.
  private func mergedMetadata(_ explicit: Logger.Metadata?) -> Logger.Metadata {
    var merged = metadata
    if let provided = metadataProvider?.get() {
      merged.merge(provided) { _, new in new }
    }
    if let explicit {
      merged.merge(explicit) { _, new in new }
    }
    return merged
  }
}
