@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Logging
import Testing

/// Whether the journal tests can run; with CI=true a missing journald is a failure.
private func journalIsReady() -> Bool {
  if Journal.isAvailable { return true }
  let message =
    "journald socket \(Journal.defaultSocketPath) is missing; start it as root with "
    + "`mkdir -p /run/systemd/journal && /lib/systemd/systemd-journald &`"
  if isCI {
    Issue.record(Comment(rawValue: message))
  } else {
    print("Skipping journal test: \(message)")
  }
  return false
}

/// Reads back the entries carrying KITH_TEST_ID=`id`, waiting up to 10 s for journald to
/// store them.
private func journalEntries(testID: String) throws -> [[String: Any]] {
  let deadline = Date(timeIntervalSinceNow: 10)
  while true {
    let result = try run(
      "/usr/bin/journalctl", ["-o", "json", "--no-pager", "KITH_TEST_ID=\(testID)"])
    let entries = result.output.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
    if !entries.isEmpty || Date() > deadline { return entries }
    // journald stores asynchronously; ask it to sync before the next look.
    _ = try? run("/usr/bin/journalctl", ["--sync"])
  }
}

@Suite("Journal")
struct JournalTests {
  @Test func validFieldNames() {
    #expect(Journal.isValidFieldName("MESSAGE"))
    #expect(Journal.isValidFieldName("KITH_REMINDER_ID"))
    #expect(Journal.isValidFieldName("A1"))
    #expect(Journal.isValidFieldName(String(repeating: "A", count: 64)))
    #expect(!Journal.isValidFieldName(""))
    #expect(!Journal.isValidFieldName("_PID"))
    #expect(!Journal.isValidFieldName("message"))
    #expect(!Journal.isValidFieldName("KITH-ID"))
    #expect(!Journal.isValidFieldName("KITH ID"))
    #expect(!Journal.isValidFieldName("ÄRGER"))
    #expect(!Journal.isValidFieldName(String(repeating: "A", count: 65)))
  }

  @Test func sanitizedFieldNames() {
    #expect(Journal.sanitizedFieldName("contact-id") == "CONTACT_ID")
    #expect(Journal.sanitizedFieldName("_private") == "PRIVATE")
    #expect(Journal.sanitizedFieldName("") == "FIELD")
    #expect(Journal.sanitizedFieldName(String(repeating: "x", count: 80)).count == 64)
    #expect(Journal.isValidFieldName(Journal.sanitizedFieldName("weird key ✓")))
  }

  @Test func invalidFieldNameThrowsAndSendsNothing() {
    #expect(throws: SystemError.self) {
      try Journal.send(["MESSAGE": "never stored", "bad-name": "x"])
    }
    do {
      try Journal.send([("MESSAGE", "never stored"), ("_UID", "0")])
      Issue.record("a field name starting with _ was accepted")
    } catch {
      #expect(error.errno == EINVAL)
      #expect(error.description.contains("_UID"))
    }
    #expect(throws: SystemError.self) { try Journal.send([(String, String)]()) }
  }

  @Test func isAvailableFollowsTheSocket() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(!Journal.isAvailable(socketPath: directory.appending("missing")))
    // A regular file is not a socket journald listens on.
    #expect(FileManager.default.createFile(atPath: directory.appending("file"), contents: Data()))
    #expect(!Journal.isAvailable(socketPath: directory.appending("file")))
    let fd = try UnixSocket.listen(path: directory.appending("socket"))
    defer { close(fd) }
    #expect(Journal.isAvailable(socketPath: directory.appending("socket")))
  }

  @Test func entryReadsBack() throws {
    guard journalIsReady() else { return }
    let id = UUID().uuidString
    let message = "kith journal test\nsecond line"
    try Journal.send([
      "MESSAGE": message, "PRIORITY": "5", "KITH_TEST_ID": id, "KITH_CONTACT": "Ada Lovelace",
      "SYSLOG_IDENTIFIER": "kith-test",
    ])
    let entries = try journalEntries(testID: id)
    try #require(entries.count == 1)
    let entry = entries[0]
    #expect(entry["MESSAGE"] as? String == message)
    #expect(entry["PRIORITY"] as? String == "5")
    #expect(entry["KITH_CONTACT"] as? String == "Ada Lovelace")
    #expect(entry["SYSLOG_IDENTIFIER"] as? String == "kith-test")
  }

  @Test func logHandlerEntryReadsBack() throws {
    guard journalIsReady() else { return }
    let id = UUID().uuidString
    var logger = Logger(label: "kith-test") { JournalLogHandler(label: $0) }
    logger[metadataKey: "kith-test-id"] = "\(id)"
    logger.warning("clock stepped", metadata: ["contact-id": "ada-lovelace"])
    let line = #line - 1
    let entries = try journalEntries(testID: id)
    try #require(entries.count == 1)
    let entry = entries[0]
    #expect(entry["MESSAGE"] as? String == "clock stepped")
    #expect(entry["PRIORITY"] as? String == "4")
    #expect(entry["SYSLOG_IDENTIFIER"] as? String == "kith-test")
    #expect(entry["CONTACT_ID"] as? String == "ada-lovelace")
    #expect(entry["CODE_LINE"] as? String == String(line))
    #expect((entry["CODE_FILE"] as? String)?.hasSuffix("JournalTests.swift") == true)
    #expect((entry["CODE_FUNC"] as? String)?.hasPrefix("logHandlerEntryReadsBack") == true)
  }
}

@Suite("Log handlers")
struct LogHandlerTests {
  @Test func priorities() {
    let expected: [(Logger.Level, Int)] = [
      (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3),
      (.critical, 2),
    ]
    for (level, priority) in expected {
      #expect(JournalLogHandler.priority(of: level) == priority)
    }
  }

  @Test func stderrFormat() {
    var handler = StderrLogHandler(label: "kith.daemon", programName: "kithd")
    handler[metadataKey: "contact"] = "ada"
    let event = LogEvent(
      level: .warning, message: "config rejected", metadata: ["file": "/tmp/my kith.toml"],
      source: nil, file: #fileID, function: #function, line: #line)
    #expect(
      handler.format(event)
        == "kithd: warning: config rejected contact=ada file=\"/tmp/my kith.toml\"")
  }

  @Test func factoryChoosesByJournal() {
    #expect(makeLogHandler(label: "kithd", journalAvailable: true) is JournalLogHandler)
    #expect(makeLogHandler(label: "kithd", journalAvailable: false) is StderrLogHandler)
  }
}
