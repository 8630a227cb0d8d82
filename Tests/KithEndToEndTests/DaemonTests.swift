import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real `kithd` with the real journal, socket and signals (DESIGN.md §5–§7, §9).
///
/// Serialized: several tests measure when an announcement lands, which a loaded 2-core
/// machine running the others in parallel would blur. Every wait polls with a deadline.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct DaemonTests {
  // MARK: - 1. On time in the journal

  @Test func snoozedReminderIsAnnouncedInTheJournalAtTheRightSecond() throws {
    guard JournalReader.require("snoozedReminderIsAnnouncedInTheJournalAtTheRightSecond") else {
      return
    }
    let h = try Harness()
    let id = Harness.uniqueID("ada")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id, "--circle", "core").status == 0)
    // Last contact today: nothing is due for a month, so only the snooze can announce.
    #expect(try h.kith("log", id).status == 0)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    let daemonStatus = try #require(try h.status()["daemon"] as? [String: Any])
    #expect(daemonStatus["pid"] as? Int == Int(daemon.pid))

    let before = Date()
    let snooze = try h.kith("snooze", id, "3s")
    let after = Date()
    #expect(snooze.status == 0, "\(snooze.stderr)")

    let matches = ["KITH_CONTACT_ID=\(id)", "MESSAGE_ID=\(JournalReader.MessageID.due)"]
    let entries = try JournalReader.waitFor(matches, timeout: 15)
    let entry = try #require(entries.first, "no due entry in the journal: \(daemon.stderr)")
    #expect(entries.count == 1)
    #expect(entry["MESSAGE"]?.hasPrefix("Time to reach out to Ada Lovelace (core") == true)
    #expect(entry["PRIORITY"] == "5")
    #expect(entry["KITH_REMINDER_ID"]?.count == 6)
    #expect(entry["KITH_CONTACT"] == "Ada Lovelace")
    #expect(entry["KITH_CONTACT_ID"] == id)
    #expect(entry["KITH_KIND"] == "touch")
    #expect(entry["KITH_CIRCLE"] == "core")
    let dueText = try #require(entry["KITH_DUE"])
    #expect(
      dueText.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/#) != nil, "\(dueText)")
    let due = try #require(parseISO8601(dueText))
    let stamp = try #require(JournalReader.timestamp(entry))
    // The daemon read its clock between `before` and `after`; KITH_DUE drops the fraction.
    #expect(due >= before + 2 && due <= after + 3, "due \(dueText)")
    #expect(stamp >= before + 3 - 0.01, "announced early: \(stamp) for \(dueText)")
    #expect(stamp <= after + 3 + 1, "announced late: \(stamp) for \(dueText)")
    #expect(stamp.timeIntervalSince(due) >= 0 && stamp.timeIntervalSince(due) < 2)
    // The reminder id the journal names is the one the CLI shows.
    let listed = try h.reminders("list").first { $0["contact_id"] as? String == id }
    #expect(listed?["id"] as? String == entry["KITH_REMINDER_ID"])
  }

  // MARK: - 2. ack and snooze through the socket

  @Test func ackIsJournaledAndASnoozedReminderComesBack() throws {
    guard JournalReader.require("ackIsJournaledAndASnoozedReminderComesBack") else { return }
    let h = try Harness()
    let acked = Harness.uniqueID("ack")
    let snoozed = Harness.uniqueID("snz")
    for (name, id) in [("Alan Turing", acked), ("Grace Hopper", snoozed)] {
      #expect(try h.kith("add", name, "--id", id, "--circle", "core").status == 0)
      #expect(try h.kith("log", id, "--on", Harness.day(-60)).status == 0)
    }
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    let dueMatch = "MESSAGE_ID=\(JournalReader.MessageID.due)"
    // Both were announced at start-up (catch-up).
    for id in [acked, snoozed] {
      #expect(try JournalReader.waitFor(["KITH_CONTACT_ID=\(id)", dueMatch]).count == 1)
    }
    let status = try h.status()
    #expect((status["daemon"] as? [String: Any])?["pid"] as? Int == Int(daemon.pid))
    #expect(status["due"] as? Int == 2)

    let ack = try h.kith("ack", acked, "--note", "called")
    #expect(ack.status == 0, "\(ack.stderr)")
    let ackEntries = try JournalReader.waitFor([
      "KITH_CONTACT_ID=\(acked)", "MESSAGE_ID=\(JournalReader.MessageID.acked)",
    ])
    #expect(ackEntries.count == 1)
    #expect(ackEntries.first?["KITH_KIND"] == "touch")

    let before = Date()
    let snooze = try h.kith("snooze", snoozed, "2s")
    let after = Date()
    #expect(snooze.status == 0, "\(snooze.stderr)")
    #expect(
      try JournalReader.waitFor([
        "KITH_CONTACT_ID=\(snoozed)", "MESSAGE_ID=\(JournalReader.MessageID.snoozed)",
      ]).count == 1)
    let again = try JournalReader.waitFor(["KITH_CONTACT_ID=\(snoozed)", dueMatch], count: 2)
    #expect(again.count == 2, "the snoozed reminder was not announced again")
    if again.count == 2, let stamp = JournalReader.timestamp(again[1]) {
      #expect(stamp >= before + 2 - 0.01 && stamp <= after + 2 + 1, "re-announced at \(stamp)")
    }
    // The acked one is not announced again (its next occurrence is a month away).
    #expect(try JournalReader.entries(["KITH_CONTACT_ID=\(acked)", dueMatch]).count == 1)
    // Only the snoozed one is due again.
    #expect(try h.reminders("list", "--due").map { $0["contact_id"] as? String } == [snoozed])
  }

  // MARK: - 3. Catch-up once, not once per start

  @Test func catchUpAnnouncesOnceAcrossRestarts() throws {
    guard JournalReader.require("catchUpAnnouncesOnceAcrossRestarts") else { return }
    // notify_at twelve hours from now: the daily re-announcement cannot come during the test.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "America/New_York")!
    let hour = (calendar.component(.hour, from: Date()) + 12) % 24
    let h = try Harness(
      extraConfig: String(format: "notify_at = \"%02d:00\"\n", hour)
        + "[circles.core]\nevery = \"1 month\"\n")
    let late = Harness.uniqueID("late")
    let marker = Harness.uniqueID("mark")
    #expect(try h.kith("add", "Ada Lovelace", "--id", late, "--circle", "core").status == 0)
    #expect(try h.kith("log", late, "--on", Harness.day(-60)).status == 0)
    #expect(try h.kith("add", "Marker", "--id", marker, "--circle", "core").status == 0)
    #expect(try h.kith("log", marker).status == 0)
    let dueMatches = ["KITH_CONTACT_ID=\(late)", "MESSAGE_ID=\(JournalReader.MessageID.due)"]

    for run in 1...2 {
      let daemon = try h.startDaemon()
      defer { daemon.kill() }
      // A barrier: the daemon journals the snooze after its catch-up, on the same socket, so
      // once the snooze entry is visible any catch-up entry of this run is too.
      #expect(try h.kith("snooze", marker, "1d").status == 0)
      let markers = try JournalReader.waitFor(
        ["KITH_CONTACT_ID=\(marker)", "MESSAGE_ID=\(JournalReader.MessageID.snoozed)"],
        count: run)
      #expect(markers.count == run)
      let due = try JournalReader.entries(dueMatches)
      #expect(due.count == 1, "run \(run): \(due.count) due entries for a reminder overdue weeks")
      #expect(due.first?["KITH_KIND"] == "touch")
      daemon.signal(SIGTERM)
      #expect(daemon.waitForExit() == 0)
    }
    // Still due (announced, not acked).
    #expect(try h.reminders("list", "--due").map { $0["contact_id"] as? String } == [late])
  }

  // MARK: - 4. SIGHUP with a broken config

  @Test func brokenConfigOnReloadKeepsTheOldOneServing() throws {
    let h = try Harness()
    let id = Harness.uniqueID("cfg")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id, "--circle", "core").status == 0)
    let good = try String(contentsOfFile: h.configPath, encoding: .utf8)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }

    try h.writeConfig(good + "[circles.core2]\nevry = \"1 month\"\n")
    daemon.signal(SIGHUP)
    var status: [String: Any] = [:]
    #expect(
      try eventually {
        status = try h.status()
        return status["config_error"] is String
      }, "config_error never appeared")
    let configError = status["config_error"] as? String ?? ""
    #expect(configError.contains("evry"), "\(configError)")
    #expect((status["daemon"] as? [String: Any])?["pid"] as? Int == Int(daemon.pid))
    #expect(daemon.isRunning)

    // Still serving with the old config.
    #expect(try h.reminders("list").contains { $0["contact_id"] as? String == id })
    let ack = try h.kith("ack", id)
    #expect(ack.status == 0, "\(ack.stderr)")
    let reload = try h.kith("reload")
    #expect(reload.status == 78)
    #expect(reload.stderr.contains("evry"), "\(reload.stderr)")

    if JournalReader.require("brokenConfigOnReloadKeepsTheOldOneServing (journal part)") {
      let rejected = try JournalReader.waitFor([
        "MESSAGE_ID=\(JournalReader.MessageID.configRejected)", "KITH_CONFIG=\(h.configPath)",
      ])
      // One from SIGHUP, one from `kith reload`.
      #expect(rejected.count >= 1)
      #expect(rejected.first?["MESSAGE"]?.contains("evry") == true)
    }

    try h.writeConfig(good)
    let fixed = try h.kith("reload")
    #expect(fixed.status == 0, "\(fixed.stderr)")
    let after = try h.status()
    #expect(after["config_error"] == nil || after["config_error"] is NSNull)
    #expect(daemon.isRunning)
  }

  // MARK: - 5. SIGTERM

  @Test func sigtermExitsCleanlyRemovesTheSocketAndKeepsState() throws {
    let h = try Harness()
    let ada = Harness.uniqueID("ada")
    let grace = Harness.uniqueID("grace")
    #expect(try h.kith("add", "Ada Lovelace", "--id", ada, "--circle", "core").status == 0)
    #expect(try h.kith("add", "Grace Hopper", "--id", grace, "--circle", "recruiters").status == 0)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    #expect(try h.kith("log", ada, "--on", Harness.day(-3), "--note", "coffee").status == 0)
    #expect(try h.kith("snooze", grace, "2d").status == 0)
    let before = try h.pinnedList()
    #expect(before.contains { $0.contains(grace) && $0.hasSuffix("|snoozed") })

    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")
    #expect(!FileManager.default.fileExists(atPath: h.socketPath), "socket file left behind")

    let again = try h.startDaemon()
    defer { again.kill() }
    #expect((try h.status()["daemon"] as? [String: Any])?["pid"] as? Int == Int(again.pid))
    #expect(try h.pinnedList() == before)
    let detail = try #require(try h.json("show", ada) as? [String: Any])
    let notes = (detail["interactions"] as? [[String: Any]])?.compactMap { $0["note"] as? String }
    #expect(notes == ["coffee"])
  }

  // MARK: - 6. kill -9 in the middle of a burst

  @Test func acknowledgedAcksSurviveSigkill() throws {
    let h = try Harness()
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    let prefix = Harness.uniqueID("burst")
    let contacts = (0..<50).map { "\(prefix)-\($0)" }

    let setup = try SocketClient(path: h.socketPath)
    for (index, id) in contacts.enumerated() {
      try setup.send(
        line:
          #"{"id":\#(index),"op":"add","args":{"id":"\#(id)","fields":{"name":"Burst \#(index)","circles":["core"]}}}"#
      )
    }
    for _ in contacts {
      let reply = try SocketClient.decode(try #require(setup.readLine()))
      #expect(reply["ok"] as? Bool == true, "\(reply)")
    }
    setup.close()

    // 500 acks in one write; SIGKILL once 200 replies are in.
    let client = try SocketClient(path: h.socketPath)
    let total = 500
    var sent: [String: Int] = [:]
    var lines: [String] = []
    for index in 0..<total {
      let id = contacts[index % contacts.count]
      sent[id, default: 0] += 1
      lines.append(#"{"id":\#(1000 + index),"op":"ack","args":{"ref":"\#(id)"}}"#)
    }
    try client.send(Array((lines.joined(separator: "\n") + "\n").utf8))
    var confirmed: [String: Int] = [:]
    var confirmedCount = 0
    func take(_ line: String) throws {
      let reply = try SocketClient.decode(line)
      guard reply["ok"] as? Bool == true, let requestID = reply["id"] as? Int else {
        Issue.record("ack refused: \(line.prefix(300))")
        return
      }
      confirmed[contacts[(requestID - 1000) % contacts.count], default: 0] += 1
      confirmedCount += 1
    }
    while confirmedCount < 200, let line = client.readLine(timeout: 15) { try take(line) }
    daemon.signal(SIGKILL)
    // Replies already on their way were sent after their commit: they count too.
    while let line = client.readLine(timeout: 10) { try take(line) }
    #expect(daemon.waitForExit() != nil && daemon.killedBySignal)
    #expect(confirmedCount >= 200)
    #expect(confirmedCount < total, "the burst finished before SIGKILL; nothing was interrupted")

    // The socket file is stale now; a new daemon replaces it and reads the same store.
    let again = try h.startDaemon()
    defer { again.kill() }
    let reader = try SocketClient(path: h.socketPath)
    var stored = 0
    for (index, id) in contacts.enumerated() {
      let reply = try reader.request(#"{"id":\#(index),"op":"show","args":{"ref":"\#(id)"}}"#)
      let interactions =
        ((reply["result"] as? [String: Any])?["interactions"] as? [[String: Any]]) ?? []
      let count = interactions.filter { $0["kind"] as? String == "reached out" }.count
      stored += count
      #expect(count >= confirmed[id, default: 0], "\(id): lost acknowledged acks")
      #expect(count <= sent[id, default: 0], "\(id): more acks stored than sent")
    }
    #expect(stored >= confirmedCount)
    print("burst: \(confirmedCount) of \(total) acks confirmed before SIGKILL, \(stored) stored")
  }

  // MARK: - 7. Bad input on the socket

  @Test func malformedOversizedAndHalfSentInputIsSurvived() throws {
    let h = try Harness()
    let id = Harness.uniqueID("ada")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id, "--circle", "core").status == 0)
    #expect(try h.kith("log", id, "--on", Harness.day(-2), "--note", "tea").status == 0)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    let before = try h.pinnedList()
    func stillServing(_ what: String) throws {
      let hello = try SocketClient(path: h.socketPath).request(#"{"id":9,"op":"hello"}"#)
      #expect(hello["ok"] as? Bool == true, "after \(what): \(hello)")
      #expect(daemon.isRunning, "kithd died after \(what): \(daemon.stderr)")
    }

    // Not JSON, then an unknown op, then invalid UTF-8: each an error, the connection lives on.
    let client = try SocketClient(path: h.socketPath)
    let notJSON = try client.request("this is not json")
    #expect(notJSON["ok"] as? Bool == false)
    #expect(errorCode(notJSON) == "bad_request", "\(notJSON)")
    let unknown = try client.request(#"{"id":7,"op":"frobnicate","args":{}}"#)
    #expect(errorCode(unknown) == "unknown_op", "\(unknown)")
    #expect(unknown["id"] as? Int == 7)
    try client.send([0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x7D, 0x0A])
    let utf8 = try SocketClient.decode(try #require(client.readLine()))
    #expect(errorCode(utf8) == "bad_request", "\(utf8)")
    let wrongArgs = try client.request(#"{"id":8,"op":"ack","args":{"nope":1}}"#)
    #expect(wrongArgs["ok"] as? Bool == false, "\(wrongArgs)")
    let hello = try client.request(#"{"id":3,"op":"hello"}"#)
    #expect(hello["ok"] as? Bool == true)
    #expect((hello["result"] as? [String: Any])?["version"] as? Int == 1)
    try stillServing("bad lines")

    // A 70 KiB line: line_too_long, then the daemon closes.
    let big = try SocketClient(path: h.socketPath)
    try? big.send(Array(repeating: UInt8(ascii: "a"), count: 70 * 1024) + [0x0A])
    let tooLong = try SocketClient.decode(try #require(big.readLine()))
    #expect(errorCode(tooLong) == "line_too_long", "\(tooLong)")
    #expect(big.waitForEOF(), "connection not closed after line_too_long")
    try stillServing("an oversized line")

    // Half a request, then gone; and a request whose reply nobody reads.
    let half = try SocketClient(path: h.socketPath)
    try half.send(Array(#"{"id":1,"op":"ack","args":{"ref":"\#(id)"#.utf8))
    half.close()
    let abrupt = try SocketClient(path: h.socketPath)
    try abrupt.send(line: #"{"id":1,"op":"list","args":{}}"#)
    abrupt.close()
    try stillServing("half-sent input")

    #expect(try h.pinnedList() == before)
    let detail = try #require(try h.json("show", id) as? [String: Any])
    let interactions = detail["interactions"] as? [[String: Any]] ?? []
    #expect(interactions.map { $0["note"] as? String } == ["tea"], "the half ack ran: \(detail)")
  }

  // MARK: - 8. Other users are refused

  @Test func connectionFromAnotherUIDIsRefused() throws {
    guard getuid() == 0 else {
      print("Skipping connectionFromAnotherUIDIsRefused: needs root to connect as nobody")
      return
    }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
      FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    else {
      print("Skipping connectionFromAnotherUIDIsRefused: needs /usr/bin/setpriv and python3")
      return
    }
    let h = try Harness()
    let id = Harness.uniqueID("ada")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id).status == 0)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    // Open the file permissions wide: only SO_PEERCRED stands between nobody and the daemon.
    let directory = (h.socketPath as NSString).deletingLastPathComponent
    #expect(chmod(h.root.path, 0o755) == 0 && chmod(directory, 0o755) == 0)
    #expect(chmod(h.socketPath, 0o666) == 0)
    let script = """
      import socket, sys
      s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
      s.settimeout(10)
      s.connect(sys.argv[1])
      try:
          s.sendall(b'{"id":1,"op":"list","args":{}}\\n')
      except OSError:
          pass
      data = b""
      try:
          while True:
              chunk = s.recv(65536)
              if not chunk:
                  break
              data += chunk
      except OSError as e:
          data += ("\\nerror: %s" % e).encode()
      sys.stdout.write(data.decode("utf-8", "replace"))
      """
    let result = try runCommand(
      "/usr/bin/setpriv",
      [
        "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/python3", "-c", script,
        h.socketPath,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let firstLine = String(result.stdout.split(separator: "\n").first ?? "")
    let reply = try SocketClient.decode(firstLine)
    #expect(errorCode(reply) == "forbidden", "\(result.stdout)")
    #expect(!result.stdout.contains(id), "another uid saw the contacts")
    #expect(!result.stdout.contains("\"ok\":true"))
    let hello = try SocketClient(path: h.socketPath).request(#"{"id":1,"op":"hello"}"#)
    #expect(hello["ok"] as? Bool == true)
  }

  // MARK: - 9. sd_notify

  @Test func notifySocketSeesReadyStatusReloadingAndStopping() throws {
    let h = try Harness()
    #expect(try h.kith("add", "Ada Lovelace", "--id", Harness.uniqueID("ada")).status == 0)
    let listener = try NotifyListener(path: h.root.appendingPathComponent("notify.sock").path)
    let daemon = try h.startDaemon(extraEnvironment: ["NOTIFY_SOCKET": listener.path])
    defer { daemon.kill() }

    let ready = listener.waitFor { $0.split(separator: "\n").contains("READY=1") }
    let readyMessage = try #require(ready, "no READY=1; got \(listener.messages)")
    let status = readyMessage.split(separator: "\n").first { $0.hasPrefix("STATUS=") }
    #expect(status?.contains("contact") == true, "\(readyMessage)")
    #expect(status?.contains("1 contact") == true, "\(readyMessage)")

    daemon.signal(SIGHUP)
    #expect(listener.waitFor { $0.contains("RELOADING=1") } != nil, "\(listener.messages)")
    #expect(
      listener.waitFor { $0.split(separator: "\n").contains("READY=1") } != nil,
      "no READY=1 after RELOADING=1: \(listener.messages)")

    daemon.signal(SIGTERM)
    #expect(listener.waitFor { $0.contains("STOPPING=1") } != nil, "\(listener.messages)")
    #expect(daemon.waitForExit() == 0)
  }

  // MARK: - 10. Socket activation

  @Test func socketActivationServesOnFD3AndLeavesTheSocketFile() throws {
    let activate = "/usr/bin/systemd-socket-activate"
    guard FileManager.default.isExecutableFile(atPath: activate) else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("systemd-socket-activate is missing")
      } else {
        print("Skipping socketActivationServesOnFD3AndLeavesTheSocketFile: no \(activate)")
      }
      return
    }
    let h = try Harness()
    #expect(try h.kith("add", "Ada Lovelace", "--id", Harness.uniqueID("ada")).status == 0)
    let directory = (h.socketPath as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    // systemd-socket-activate closes every inherited fd before it execs, including the one
    // Foundation's Process watches to learn that its child exited: started directly, Foundation
    // would block its process-reaper thread in waitpid on the running daemon and no other
    // child would ever be reaped. A small Python parent keeps that fd, relays the exit status,
    // and clears the signal mask the test thread passes down (a shell's `wait` hangs with
    // SIGCHLD blocked).
    let pidFile = h.root.appendingPathComponent("kithd.pid").path
    let parent = """
      import signal, subprocess, sys
      signal.pthread_sigmask(signal.SIG_SETMASK, [])
      child = subprocess.Popen(sys.argv[2:])
      with open(sys.argv[1] + ".tmp", "w") as f:
          f.write(str(child.pid))
      import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
      code = child.wait()
      sys.exit(code if code >= 0 else 128 - code)
      """
    var arguments = ["-c", parent, pidFile, activate, "-l", h.socketPath]
    for key in ["KITH_STATE_DIR", "KITH_CONFIG", "KITH_SOCKET", "PATH"] {
      arguments += ["-E", "\(key)=\(h.environment[key] ?? "")"]
    }
    arguments.append(Harness.kithd.path)
    let daemon = try DaemonProcess(
      executable: URL(fileURLWithPath: "/usr/bin/python3"), arguments: arguments,
      environment: h.daemonEnvironment, logs: h.root)
    defer { daemon.kill() }
    #expect(
      eventually {
        daemon.daemonPID = (try? String(contentsOfFile: pidFile, encoding: .utf8))
          .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return daemon.daemonPID != nil
      })
    // The listening socket exists as soon as systemd-socket-activate binds it.
    #expect(eventually { FileManager.default.fileExists(atPath: h.socketPath) })
    try daemon.waitUntilAnswering(socket: h.socketPath)

    let status = try h.status()
    let daemonStatus = try #require(status["daemon"] as? [String: Any], "\(status)")
    // systemd-socket-activate execs the daemon: the pid the Python parent started.
    #expect(daemonStatus["pid"] as? Int == Int(daemon.pid))
    #expect(status["contacts"] as? Int == 1)

    daemon.signal(SIGTERM)
    let code = daemon.waitForExit()
    #expect(code == 0, "kithd alive: \(Glibc.kill(daemon.pid, 0) == 0); \(daemon.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: h.socketPath),
      "an activated daemon unlinked the socket it does not own")
  }

  // MARK: - 11. One instance per socket

  @Test func secondInstanceIsRefusedAndAStaleSocketIsReplaced() throws {
    let h = try Harness()
    let first = try h.startDaemon()
    defer { first.kill() }

    let second = try h.startDaemon(waitUntilReady: false)
    defer { second.kill() }
    let code = second.waitForExit()
    #expect(code != nil && code != 0, "a second kithd kept running on the same socket")
    #expect(second.stderr.contains("another instance"), "\(second.stderr)")
    #expect((try h.status()["daemon"] as? [String: Any])?["pid"] as? Int == Int(first.pid))

    // kill -9 leaves the socket file behind; the next start replaces it.
    first.signal(SIGKILL)
    #expect(first.waitForExit() != nil)
    var info = stat()
    #expect(lstat(h.socketPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK)
    let third = try h.startDaemon()
    defer { third.kill() }
    #expect((try h.status()["daemon"] as? [String: Any])?["pid"] as? Int == Int(third.pid))
    #expect(lstat(h.socketPath, &info) == 0 && info.st_mode & 0o777 == 0o600)
  }
}
