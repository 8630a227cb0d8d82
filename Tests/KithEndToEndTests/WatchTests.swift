import Foundation
import Testing

/// `kith watch`: a subscriber sees the daemon's events as they happen.
@Suite(.serialized) struct WatchTests {
  /// Collects what a child process writes, for polling with a deadline.
  final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ data: Data) {
      lock.lock()
      text += String(decoding: data, as: UTF8.self)
      lock.unlock()
    }

    var lines: [String] {
      lock.lock()
      defer { lock.unlock() }
      return text.split(separator: "\n").map(String.init)
    }
  }

  @Test func watchStreamsDueAndSnoozedEvents() throws {
    let h = try Harness()
    let id = Harness.uniqueID("watch")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id, "--circle", "core").status == 0)
    #expect(try h.kith("log", id).status == 0)
    // Without a daemon, watch has nothing to listen to.
    #expect(try h.kith("watch").status == 69)

    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    let watch = Process()
    watch.executableURL = Harness.binDirectory.appendingPathComponent("kith")
    watch.arguments = ["watch", "--json"]
    watch.environment = h.environment
    let pipe = Pipe()
    let output = Output()
    pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
    watch.standardOutput = pipe
    try watch.run()
    defer {
      watch.terminate()
      pipe.fileHandleForReading.readabilityHandler = nil
    }
    // The due event comes two seconds after the snooze, long after watch has subscribed.
    #expect(try h.kith("snooze", id, "2s").status == 0)
    var events: [[String: Any]] = []
    let seen = eventually(timeout: 15) {
      events = output.lines.compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      return events.contains { $0["event"] as? String == "due" }
    }
    #expect(seen, "no due event from kith watch: \(output.lines) \(daemon.stderr)")
    let due = try #require(events.first { $0["event"] as? String == "due" })
    let reminder = try #require(due["reminder"] as? [String: Any])
    #expect(reminder["contact_id"] as? String == id)
    #expect(reminder["kind"] as? String == "touch")
    #expect(reminder["state"] as? String == "due")
    #expect((due["message"] as? String)?.hasPrefix("Time to reach out to Ada Lovelace") == true)
  }
}
