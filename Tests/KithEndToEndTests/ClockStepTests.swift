import Foundation
import Testing

/// DESIGN.md §3 "Clock changes": a wall-clock step re-arms the timer at once; nothing due is
/// skipped and nothing is announced twice.
@Suite(.serialized) struct ClockStepTests {
  @Test func aClockStepReArmsWithoutSkippingOrRepeating() throws {
    guard getuid() == 0 else {
      print("Skipping aClockStepReArmsWithoutSkippingOrRepeating: setting the clock needs root")
      return
    }
    guard JournalReader.require("aClockStepReArmsWithoutSkippingOrRepeating") else { return }
    let h = try Harness()
    let id = Harness.uniqueID("step")
    #expect(try h.kith("add", "Ada Lovelace", "--id", id, "--circle", "core").status == 0)
    #expect(try h.kith("log", id).status == 0)
    let daemon = try h.startDaemon()
    defer { daemon.kill() }
    #expect(try h.kith("snooze", id, "4s").status == 0)

    // Setting the clock to what it reads is a step for the kernel (timerfds armed with
    // TFD_TIMER_CANCEL_ON_SET are cancelled) without moving time for anyone else.
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    #expect(clock_settime(CLOCK_REALTIME, &now) == 0, "clock_settime: \(errno)")
    let stepped = try JournalReader.waitFor(
      ["_PID=\(daemon.pid)", "MESSAGE=Wall clock stepped; re-arming"], timeout: 10)
    #expect(stepped.count == 1, "kithd did not notice the step: \(daemon.stderr)")

    let due = ["KITH_CONTACT_ID=\(id)", "MESSAGE_ID=\(JournalReader.MessageID.due)"]
    let entries = try JournalReader.waitFor(due, timeout: 15)
    #expect(entries.count == 1, "\(entries)")
    // Another step after the announcement must not repeat it.
    clock_gettime(CLOCK_REALTIME, &now)
    #expect(clock_settime(CLOCK_REALTIME, &now) == 0)
    _ = try JournalReader.waitFor(
      ["_PID=\(daemon.pid)", "MESSAGE=Wall clock stepped; re-arming"], count: 2, timeout: 10)
    #expect(try h.status()["daemon"] != nil)
    #expect(try JournalReader.entries(due).count == 1)
  }
}
