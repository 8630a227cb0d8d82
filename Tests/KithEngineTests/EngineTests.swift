import Foundation
import KithConfig
import KithCore
import KithEngine
import KithProtocol
import KithStore
import Testing

/// The command executor in process, on a clock advanced by hand: what the daemon does with
/// it, without sleeping.
@Suite struct EngineTests {
  /// A store in a temporary directory and an engine on a fixed zone.
  final class Fixture {
    let directory: URL
    let engine: Engine
    var now: Date
    let calendar: LocalCalendar

    init(now: String = "2026-11-24T10:00:00-05:00", renotify: String = "1d") throws {
      directory = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("kith-engine-\(UUID().uuidString.prefix(8))")
      let config = try ConfigParser.parse(
        """
        timezone = "America/New_York"
        renotify = "\(renotify)"
        [circles.core]
        every = "1 month"
        """, file: "test.toml")
      self.now = LocalCalendar.parseISO8601(now)!
      calendar = config.policy.calendar
      let store = try Store(path: directory.appendingPathComponent("kith.sqlite").path)
      engine = try Engine(store: store, config: config, now: self.now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Sends one request line and returns the decoded reply as JSON.
    @discardableResult
    func send(_ line: String) -> [String: Any] {
      let outcome = engine.handle(line: line, now: now)
      return (try? JSONSerialization.jsonObject(with: Data(outcome.reply.utf8))) as? [String: Any]
        ?? [:]
    }

    func at(_ text: String) {
      now = LocalCalendar.parseISO8601(text)!
    }

    /// What the daemon would announce now, recorded as announced.
    func fire() throws -> [String] {
      let due = engine.dueAnnouncements(now: now)
      try engine.recordAnnounced(due, at: now)
      return due.map(\.contactID)
    }
  }

  @Test func announcesOnceThenDailyAtNotifyAtUntilAcked() throws {
    let f = try Fixture()
    f.send(#"{"id":1,"op":"add","args":{"fields":{"name":"Ada Lovelace","circles":["core"]}}}"#)
    f.send(#"{"id":2,"op":"log","args":{"ref":"ada","on":"2026-10-20"}}"#)
    // Due 2026-11-20 09:00: the first fire catches up once.
    #expect(try f.fire() == ["ada-lovelace"])
    #expect(try f.fire().isEmpty)
    f.at("2026-11-24T23:59:00-05:00")
    #expect(try f.fire().isEmpty)
    let wake = f.engine.nextWake()
    #expect(wake.map { f.calendar.iso8601($0.at) } == "2026-11-25T09:00:00-05:00")
    #expect(wake?.reminders.map(\.contactID) == ["ada-lovelace"])
    f.at("2026-11-25T09:00:00-05:00")
    #expect(try f.fire() == ["ada-lovelace"])
    let ack = f.send(#"{"id":3,"op":"ack","args":{"ref":"ada-lovelace"}}"#)
    #expect(ack["ok"] as? Bool == true)
    #expect(try f.fire().isEmpty)
    // Acked on Nov 25: the cadence restarts from that day.
    #expect(f.engine.nextWake().map { f.calendar.iso8601($0.at) } == "2026-12-25T09:00:00-05:00")
  }

  @Test func renotifyNeverAnnouncesOnce() throws {
    let f = try Fixture(renotify: "never")
    f.send(#"{"id":1,"op":"add","args":{"fields":{"name":"Ada Lovelace","circles":["core"]}}}"#)
    f.send(#"{"id":2,"op":"log","args":{"ref":"ada","on":"2026-10-20"}}"#)
    #expect(try f.fire() == ["ada-lovelace"])
    f.at("2026-12-10T09:00:00-05:00")
    #expect(try f.fire().isEmpty)
    #expect(f.engine.nextWake() == nil)
  }

  @Test func snoozeComesBackAtItsInstantAcrossDST() throws {
    let f = try Fixture(now: "2027-03-13T10:00:00-05:00")
    f.send(#"{"id":1,"op":"add","args":{"fields":{"name":"Ada Lovelace","circles":["core"]}}}"#)
    f.send(#"{"id":2,"op":"log","args":{"ref":"ada","on":"2027-02-01"}}"#)
    #expect(try f.fire() == ["ada-lovelace"])
    let reply = f.send(#"{"id":3,"op":"snooze","args":{"ref":"ada","when":"1d"}}"#)
    let result = try #require(reply["result"] as? [String: Any])
    let snoozed = try #require((result["reminders"] as? [[String: Any]])?.first)
    // Same wall time the next day, now in daylight time.
    #expect(snoozed["due"] as? String == "2027-03-14T10:00:00-04:00")
    #expect(snoozed["state"] as? String == "snoozed")
    f.at("2027-03-14T09:59:59-04:00")
    #expect(try f.fire().isEmpty)
    f.at("2027-03-14T10:00:00-04:00")
    #expect(try f.fire() == ["ada-lovelace"])
  }

  @Test func catchUpAfterThreeWeeksAnnouncesEachOnceInDueOrder() throws {
    let f = try Fixture(now: "2026-11-01T08:00:00-04:00")
    for (name, last) in [
      ("Ada Lovelace", "2026-10-05"), ("Alan Turing", "2026-10-02"), ("Grace Hopper", "2026-10-12"),
    ] {
      let added = f.send(#"{"op":"add","args":{"fields":{"name":"\#(name)","circles":["core"]}}}"#)
      let logged = f.send(#"{"op":"log","args":{"ref":"\#(name)","on":"\#(last)"}}"#)
      #expect(added["ok"] as? Bool == true && logged["ok"] as? Bool == true, "\(added) \(logged)")
    }
    _ = try f.fire()
    // Three weeks with nothing running, then one catch-up.
    f.at("2026-11-22T12:00:00-05:00")
    let announced = try f.fire()
    #expect(announced == ["alan-turing", "ada-lovelace", "grace-hopper"], "\(announced)")
    #expect(try f.fire().isEmpty)
  }

  @Test func badRequestsGetErrorsAndChangeNothing() throws {
    let f = try Fixture()
    f.send(#"{"id":1,"op":"add","args":{"fields":{"name":"Ada Lovelace"}}}"#)
    let cases: [(String, String)] = [
      ("not json", "bad_request"),
      (#"{"id":2,"op":"fly","args":{}}"#, "unknown_op"),
      (#"{"id":3,"op":"ack","args":{}}"#, "bad_request"),
      (#"{"id":4,"op":"ack","args":{"ref":7}}"#, "bad_request"),
      (#"{"id":5,"op":"ack","args":{"ref":"nobody"}}"#, "not_found"),
      (#"{"id":6,"op":"snooze","args":{"ref":"ada","when":"later"}}"#, "invalid"),
      (#"{"id":7,"op":"add","args":{"id":"ada-lovelace","fields":{"name":"X"}}}"#, "conflict"),
      (#"{"id":8,"op":"add","args":{"fields":{"name":"X","circles":["nope"]}}}"#, "invalid"),
      (#"{"id":9,"op":"log","args":{"ref":"ada","on":"2026-12-01"}}"#, "invalid"),
    ]
    let before = f.send(#"{"id":0,"op":"export","args":{"format":"json"}}"#)
    for (line, code) in cases {
      let reply = f.send(line)
      #expect(reply["ok"] as? Bool == false, "\(line)")
      #expect((reply["error"] as? [String: Any])?["code"] as? String == code, "\(line): \(reply)")
    }
    let after = f.send(#"{"id":0,"op":"export","args":{"format":"json"}}"#)
    #expect(NSDictionary(dictionary: before) == NSDictionary(dictionary: after))
    let missing = f.send(#"{"id":10,"op":"snooze","args":{"ref":"ada"}}"#)
    #expect(((missing["error"] as? [String: Any])?["message"] as? String)?.contains("when") == true)
    #expect(missing["id"] as? Int == 10)
  }

  @Test func aFailedWriteLeavesTheStoreAsItWas() throws {
    let f = try Fixture()
    f.send(#"{"id":1,"op":"add","args":{"fields":{"name":"Ada Lovelace"}}}"#)
    struct Boom: Error {}
    #expect(throws: StoreError.self) {
      try f.engine.store.write { writer in
        try writer.save(Contact(id: "half-written", name: "Half", added: f.now))
        throw Boom()
      }
    }
    let count = try f.engine.store.read { try $0.contactCount() }
    #expect(count == 1)
  }
}
