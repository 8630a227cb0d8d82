@preconcurrency import Dispatch
@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Testing

@Suite("ClockChangeMonitor")
struct ClockChangeMonitorTests {
  @Test func settingTheClockIsReported() throws {
    guard isRoot else {
      print("Skipping clock step test: clock_settime needs root (CAP_SYS_TIME)")
      return
    }
    let changes = Recorder<Int>()
    let monitor = try ClockChangeMonitor(queue: DispatchQueue(label: "kith.test.clock")) {
      changes.record(1)
    }
    defer { monitor.cancel() }
    // Setting the clock to the time it already shows still counts as a step; the clock moves
    // back by the few microseconds between the two calls, which nothing notices.
    for expected in 1...2 {
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      guard clock_settime(CLOCK_REALTIME, &now) == 0 else {
        print("Skipping clock step test: clock_settime failed (errno \(errno))")
        return
      }
      // A second step is reported too: the monitor re-armed its timer.
      #expect(changes.wait(count: expected))
    }
  }

  @Test func cancelStopsReporting() throws {
    let monitor = try ClockChangeMonitor(queue: DispatchQueue(label: "kith.test.clock")) {}
    monitor.cancel()
    monitor.cancel()
  }
}

@Suite("TimeZoneMonitor")
struct TimeZoneMonitorTests {
  @Test func replacingLocaltimeByRenameIsReported() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let changes = Recorder<Int>()
    let monitor = try TimeZoneMonitor(
      directory: directory.path, queue: DispatchQueue(label: "kith.test.tz")
    ) { changes.record(1) }
    defer { monitor.cancel() }
    // What timedatectl does: a new symlink under a temporary name, renamed over localtime.
    #expect(symlink("/usr/share/zoneinfo/Europe/Berlin", directory.appending(".#localtime")) == 0)
    #expect(rename(directory.appending(".#localtime"), directory.appending("localtime")) == 0)
    #expect(changes.wait(count: 1))
    // `ln -sf`: unlink and create.
    #expect(unlink(directory.appending("localtime")) == 0)
    #expect(symlink("/usr/share/zoneinfo/America/New_York", directory.appending("localtime")) == 0)
    #expect(changes.wait(count: 2))
  }

  @Test func otherEntriesAreIgnored() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let names = Recorder<String>()
    let monitor = try TimeZoneMonitor(
      directory: directory.path, entryName: "zone", queue: DispatchQueue(label: "kith.test.tz")
    ) { names.record("zone") }
    defer { monitor.cancel() }
    #expect(
      FileManager.default.createFile(atPath: directory.appending("localtime"), contents: Data()))
    #expect(
      FileManager.default.createFile(atPath: directory.appending("zone-backup"), contents: Data()))
    // Events are delivered in order: once "zone" is reported, the others were seen before it.
    #expect(
      FileManager.default.createFile(atPath: directory.appending("zone"), contents: Data("x".utf8)))
    #expect(names.wait(count: 1))
    #expect(names.values.count <= 2)  // IN_CREATE and IN_CLOSE_WRITE may come in two reads.
  }

  @Test func missingDirectoryThrows() {
    #expect(throws: SystemError.self) {
      _ = try TimeZoneMonitor(directory: "/nonexistent/kith", queue: .global()) {}
    }
  }
}
