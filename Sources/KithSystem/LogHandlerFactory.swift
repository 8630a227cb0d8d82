@preconcurrency import Foundation
import Logging

/// The handler kithd should log through: the journal when journald's socket exists,
/// stderr otherwise.
///
/// With $JOURNAL_STREAM set but no journal socket, stderr is chosen on purpose: stderr is then
/// the stream journald reads, while `sd_journal_sendv` would lose entries silently.
/// Bootstrapping (`LoggingSystem.bootstrap`) is the caller's job.
public func makeLogHandler(label: String) -> any LogHandler {
  makeLogHandler(label: label, journalAvailable: Journal.isAvailable)
}

/// ``makeLogHandler(label:)`` with the journal check made by the caller (tests, `--stderr`).
public func makeLogHandler(label: String, journalAvailable: Bool) -> any LogHandler {
  if journalAvailable {
    return JournalLogHandler(label: label)
  }
  return StderrLogHandler(label: label)
}
