@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Testing

/// A datagram socket posing as systemd's notification socket.
private struct FakeNotifySocket {
  let directory: TemporaryDirectory
  let path: String
  let fd: Int32

  init() throws {
    directory = try TemporaryDirectory()
    path = directory.appending("notify")
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0 else { throw SystemError.current("bind", path: path) }
  }

  /// The next datagram, or nil after 5 s.
  func receive() -> String? {
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, 5000) == 1 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  func remove() {
    close(fd)
    directory.remove()
  }
}

/// Runs `body` with environment variables set, restoring the previous values afterwards.
private func withEnvironment<T>(_ values: [String: String?], _ body: () throws -> T) rethrows -> T {
  let previous = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
  for (key, value) in values {
    if let value { setenv(key, value, 1) } else { unsetenv(key) }
  }
  defer {
    for (key, value) in previous {
      if let value { setenv(key, value, 1) } else { unsetenv(key) }
    }
  }
  return try body()
}

@Suite("Notify", .serialized)
struct NotifyTests {
  @Test func readyWithStatusReachesTheSocket() throws {
    let fake = try FakeNotifySocket()
    defer { fake.remove() }
    withEnvironment(["NOTIFY_SOCKET": fake.path]) {
      #expect(Notify.ready(status: "12 contacts, 2 due\nnext: Ada"))
      #expect(fake.receive() == "READY=1\nSTATUS=12 contacts, 2 due next: Ada")
      // unset_environment=0: the variable survives, so later pings still arrive.
      #expect(getenv("NOTIFY_SOCKET") != nil)
      #expect(Notify.watchdog())
      #expect(fake.receive() == "WATCHDOG=1")
      #expect(Notify.reloading())
      #expect(fake.receive() == "RELOADING=1")
      #expect(Notify.status("reloaded"))
      #expect(fake.receive() == "STATUS=reloaded")
      #expect(Notify.stopping())
      #expect(fake.receive() == "STOPPING=1")
    }
  }

  @Test func withoutNotifySocketNothingIsSent() {
    withEnvironment(["NOTIFY_SOCKET": nil]) {
      #expect(!Notify.send("READY=1"))
    }
  }

  @Test func watchdogInterval() {
    withEnvironment(["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": String(getpid())]) {
      #expect(Notify.watchdogInterval == .milliseconds(2500))
    }
    withEnvironment(["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": String(getpid() + 1)]) {
      #expect(Notify.watchdogInterval == nil)
    }
    withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
      #expect(Notify.watchdogInterval == nil)
    }
  }
}
