import Foundation
import Testing

/// The `kith` binary working directly on the store (no daemon running).
@Suite struct CLITests {
  @Test func addListAckSnoozeRoundTrip() throws {
    let h = try Harness()
    #expect(
      try h.kith("add", "Ada Lovelace", "--circle", "core", "--birthday", "12-10").status == 0)
    #expect(try h.kith("add", "Grace Hopper", "--circle", "recruiters").status == 0)
    // Due now: last contact two months ago in a monthly circle.
    #expect(try h.kith("log", "ada", "--on", Harness.day(-62), "--note", "coffee").status == 0)

    let due = try h.reminders("list", "--due")
    #expect(due.count == 1)
    let ada = try #require(due.first)
    #expect(ada["contact_id"] as? String == "ada-lovelace")
    #expect(ada["contact"] as? String == "Ada Lovelace")
    #expect(ada["kind"] as? String == "touch")
    #expect(ada["circle"] as? String == "core")
    #expect(ada["state"] as? String == "due")
    let dueText = try #require(ada["due"] as? String)
    #expect(dueText.hasSuffix("-05:00") || dueText.hasSuffix("-04:00"), "\(dueText)")
    #expect(dueText.contains("T09:00:00"))
    #expect((ada["id"] as? String)?.count == 6)

    // `kith` alone lists what is due.
    let bare = try h.kith()
    #expect(bare.status == 0)
    #expect(bare.stdout.contains("Ada Lovelace"))
    #expect(!bare.stdout.contains("Grace Hopper"))

    // Ack by reminder id: nothing due, and the cadence restarts today.
    let ack = try h.kith("ack", ada["id"] as! String, "--note", "called")
    #expect(ack.status == 0, "\(ack.stderr)")
    #expect(try h.reminders("list", "--due").isEmpty)
    let touch = try #require(
      try h.reminders("list").first {
        $0["contact_id"] as? String == "ada-lovelace" && $0["kind"] as? String == "touch"
      })
    #expect((touch["due"] as? String)?.hasPrefix(expectedMonthLater()) == true)

    // Snooze the birthday three days past its date.
    let snooze = try h.kith("snooze", "grace", "3d")
    #expect(snooze.status == 0, "\(snooze.stderr)")
    let grace = try #require(
      try h.reminders("list").first { $0["contact_id"] as? String == "grace-hopper" })
    #expect(grace["state"] as? String == "snoozed")
    #expect((grace["due"] as? String)?.hasPrefix(Harness.day(3)) == true)
  }

  @Test func agendaListsBirthdaysAndNextTouchInWindow() throws {
    let h = try Harness()
    let inFive = Harness.day(5)
    try h.kith("add", "Ada Lovelace", "--birthday", String(inFive.dropFirst(5)))
    try h.kith(
      "add", "Alan Turing", "--circle", "core", "--date", "work anniversary=\(inFive.dropFirst(5))")
    let agenda = try h.reminders("agenda", "--days", "40")
    let kinds = agenda.map { "\($0["contact_id"]!) \($0["kind"]!)" }.sorted()
    #expect(
      kinds == ["ada-lovelace birthday", "alan-turing date:work anniversary", "alan-turing touch"])
    let birthday = try #require(agenda.first { $0["kind"] as? String == "birthday" })
    #expect((birthday["due"] as? String)?.hasPrefix(inFive + "T09:00:00") == true)
    #expect(birthday["circle"] is NSNull)
    #expect(birthday["state"] as? String == "scheduled")
    // A window that misses the dates is empty of them.
    let later = try h.reminders("agenda", "--from", Harness.day(10), "--days", "3")
    #expect(later.allSatisfy { $0["kind"] as? String == "touch" })
    #expect(try h.kith("agenda", "--from", "2026-13-01").status == 2)
    #expect(try h.kith("agenda", "--until", "2026-01-01", "--days", "3").status == 2)
  }

  @Test func badInputIsRefusedAndLeavesTheStoreAsItWas() throws {
    let h = try Harness()
    try h.kith("add", "Ada Lovelace", "--circle", "core")
    try h.kith("add", "Ada Byron", "--id", "ada-b")
    let before = try h.kith("list", "--json").stdout

    let snooze = try h.kith("snooze", "ada-b", "soon")
    #expect(snooze.status == 2)
    #expect(snooze.stderr.contains("tomorrow"))
    let ambiguous = try h.kith("ack", "ada")
    #expect(ambiguous.status == 1)
    #expect(ambiguous.stderr.contains("ada-lovelace") && ambiguous.stderr.contains("ada-b"))
    #expect(try h.kith("ack", "nobody").status == 1)
    let future = try h.kith("log", "ada-b", "--on", Harness.day(3))
    #expect(future.status == 2)
    #expect(future.stderr.contains("future"))
    #expect(try h.kith("add", "Someone", "--id", "ada-b").status == 1)
    #expect(try h.kith("add", "Someone", "--circle", "famliy").stderr.contains("core"))
    #expect(try h.kith("add", "Someone", "--birthday", "02-30").status == 2)
    #expect(try h.kith("add", "Someone", "--every", "sometimes").status == 2)
    #expect(try h.kith("list", "--bogus").status == 2)
    #expect(try h.kith("list", "--json").stdout == before)
  }

  @Test func configErrorsExit78WithPosition() throws {
    let h = try Harness()
    try h.kith("add", "Ada Lovelace", "--circle", "core")
    try h.writeConfig("notify_at = \"09:00\"\n[circles.core]\nevry = \"1 month\"\n")
    let result = try h.kith("list")
    #expect(result.status == 78)
    #expect(result.stderr.contains("kith.toml:3:"), "\(result.stderr)")
    #expect(result.stderr.contains("circles.core.evry"))
    let check = try h.kith("config", "check")
    #expect(check.status == 78)
    #expect(check.stderr.contains("unknown key"))
    let good = h.root.appendingPathComponent("good.toml").path
    try "notify_at = \"08:30\"\n".write(toFile: good, atomically: true, encoding: .utf8)
    #expect(try h.kith("config", "check", good).status == 0)
    #expect(
      try h.kith("config", "check", h.root.appendingPathComponent("absent.toml").path).status == 78)
  }

  @Test func newerSchemaIsAClearErrorAndTheFileIsUntouched() throws {
    let h = try Harness()
    try h.kith("add", "Ada Lovelace")
    #expect(try sql("insert into grdb_migrations values ('v99')", h.databasePath).status == 0)
    let before = try sql("", h.databasePath).stdout
    #expect(before.contains("Ada Lovelace") && before.contains("v99"))
    let result = try h.kith("list")
    #expect(result.status == 1)
    #expect(result.stderr.contains("newer kith"), "\(result.stderr)")
    #expect(try sql("", h.databasePath).stdout == before)
  }

  /// Runs one statement with Python's sqlite3, then prints a full dump of the database.
  private func sql(_ statement: String, _ path: String) throws -> Harness.Result {
    try runCommand(
      "/usr/bin/env",
      [
        "python3", "-c",
        """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        if sys.argv[2]:
            c.execute(sys.argv[2]); c.commit()
        print("\\n".join(c.iterdump()))
        """,
        path, statement,
      ])
  }

  @Test func editShowAndRemove() throws {
    let h = try Harness()
    try h.kith("add", "Ada Lovelace", "--circle", "core", "--email", "ada@example.org")
    #expect(
      try h.kith(
        "edit", "ada", "--circle", "recruiters", "--remove-circle", "core", "--every", "2 weeks"
      ).status == 0)
    let detail = try #require(try h.json("show", "ada") as? [String: Any])
    let contact = try #require(detail["contact"] as? [String: Any])
    #expect(contact["circles"] as? [String] == ["recruiters"])
    #expect(contact["every"] as? String == "2 weeks")
    #expect(contact["emails"] as? [String] == ["ada@example.org"])
    #expect(try h.kith("rm", "ada-lovelace").status == 0)
    #expect(try h.kith("show", "ada").status == 1)
  }

  @Test func unitFilesVerify() throws {
    let analyze = "/usr/bin/systemd-analyze"
    guard FileManager.default.isExecutableFile(atPath: analyze) else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("systemd-analyze is missing")
      }
      return
    }
    let h = try Harness()
    // %h/.local/bin/kithd must exist for verify: point HOME at a tree holding the built one.
    let bin = h.root.appendingPathComponent("home/.local/bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: bin.appendingPathComponent("kithd"),
      withDestinationURL: Harness.binDirectory.appendingPathComponent("kithd"))
    let runtime = h.root.appendingPathComponent("xdg-run")
    try FileManager.default.createDirectory(
      at: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: analyze)
    let units = Harness.packageRoot.appendingPathComponent("systemd")
    process.arguments = [
      "--user", "verify", units.appendingPathComponent("kith.service").path,
      units.appendingPathComponent("kith.socket").path,
    ]
    var environment = h.environment
    environment["HOME"] = h.root.appendingPathComponent("home").path
    environment["XDG_RUNTIME_DIR"] = runtime.path
    process.environment = environment
    let err = Pipe()
    process.standardError = err
    try process.run()
    let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.isEmpty, "\(output)")
  }

  private func expectedMonthLater() -> String {
    // Monthly cadence from today, clamped to the month's end, at 09:00 New York time.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "America/New_York")!
    let next = calendar.date(byAdding: .month, value: 1, to: Date())!
    let parts = calendar.dateComponents([.year, .month, .day], from: next)
    return String(format: "%04d-%02d-%02dT09:00:00", parts.year!, parts.month!, parts.day!)
  }
}
