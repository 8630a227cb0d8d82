import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A failure of the test harness itself (a daemon that never answered, a socket that would not
/// bind), reported as a thrown error so the test fails with the message.
struct HarnessError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}

/// Polls `condition` until it holds or `timeout` passes; true when it held. Every wait in the
/// daemon tests goes through here, so none is a fixed sleep and none is unbounded.
@discardableResult
func eventually(
  timeout: TimeInterval = 15, interval: TimeInterval = 0.05, _ condition: () throws -> Bool
) rethrows -> Bool {
  let deadline = Date() + timeout
  while true {
    if try condition() { return true }
    if Date() >= deadline { return false }
    Thread.sleep(forTimeInterval: interval)
  }
}

/// A `kithd` (or `systemd-socket-activate kithd`) child process with its output in files.
/// It is SIGKILLed on deinit if still running; tests also stop it in a `defer`.
final class DaemonProcess {
  let process = Process()
  let stdoutURL: URL
  let stderrURL: URL
  /// The daemon's pid when it is not the direct child (started through a wrapper).
  var daemonPID: Int32?

  init(executable: URL, arguments: [String], environment: [String: String], logs: URL) throws {
    let tag = UUID().uuidString.prefix(6)
    stdoutURL = logs.appendingPathComponent("kithd-\(tag).out")
    stderrURL = logs.appendingPathComponent("kithd-\(tag).err")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  deinit { kill() }

  var pid: Int32 { daemonPID ?? process.processIdentifier }
  var isRunning: Bool { process.isRunning }

  var stderr: String {
    (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
  }

  /// Sends `signal` if the process still runs.
  func signal(_ number: Int32) {
    if process.isRunning { Glibc.kill(pid, number) }
  }

  /// SIGKILL and reap; safe to call more than once.
  func kill() {
    guard process.isRunning else { return }
    if let daemonPID { Glibc.kill(daemonPID, SIGKILL) }
    Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// The exit status once the process ended within `timeout`, nil while it still runs.
  func waitForExit(timeout: TimeInterval = 15) -> Int32? {
    guard eventually(timeout: timeout, interval: 0.02, { !process.isRunning }) else { return nil }
    process.waitUntilExit()
    return process.terminationStatus
  }

  var killedBySignal: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }

  /// Waits until the daemon answers `hello` on `socket`; throws with its stderr when it exits
  /// first or does not answer within `timeout`.
  func waitUntilAnswering(socket: String, timeout: TimeInterval = 15) throws {
    var lastError = "no attempt"
    let answered = eventually(timeout: timeout) {
      guard process.isRunning else { return true }
      do {
        let client = try SocketClient(path: socket)
        let reply = try client.request(#"{"id":1,"op":"hello"}"#, timeout: 5)
        return reply["ok"] as? Bool == true
      } catch {
        lastError = "\(error)"
        return false
      }
    }
    guard process.isRunning else {
      throw HarnessError(
        "kithd exited with \(process.terminationStatus) before answering: \(stderr)")
    }
    guard answered else {
      throw HarnessError("kithd did not answer on \(socket) within \(timeout) s: \(lastError)")
    }
  }
}

extension Harness {
  var socketPath: String { environment["KITH_SOCKET"]! }

  /// The harness environment for the daemon: no journal stream (so start-up errors go to
  /// stderr), no notify socket and no inherited socket activation unless a test adds them.
  var daemonEnvironment: [String: String] {
    var environment = environment
    for key in ["JOURNAL_STREAM", "NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"] {
      environment.removeValue(forKey: key)
    }
    return environment
  }

  static var kithd: URL { binDirectory.appendingPathComponent("kithd") }

  /// Starts kithd with the harness's files; by default waits until it answers on the socket.
  func startDaemon(
    extraEnvironment: [String: String] = [:], waitUntilReady: Bool = true
  ) throws -> DaemonProcess {
    let daemon = try DaemonProcess(
      executable: Self.kithd, arguments: [],
      environment: daemonEnvironment.merging(extraEnvironment) { $1 }, logs: root)
    if waitUntilReady {
      do {
        try daemon.waitUntilAnswering(socket: socketPath)
      } catch {
        daemon.kill()
        throw error
      }
    }
    return daemon
  }

  /// `kith status --json`, decoded.
  func status() throws -> [String: Any] {
    let result = try run("kith", ["status", "--json"])
    guard result.status == 0,
      let status = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        as? [String: Any]
    else {
      throw HarnessError("kith status failed (\(result.status)): \(result.stderr)")
    }
    return status
  }

  /// The `kith list --json` array reduced to the pinned fields, sorted, for comparisons.
  func pinnedList() throws -> [String] {
    try reminders("list").map { reminder in
      ["id", "contact_id", "contact", "kind", "due", "circle", "state"]
        .map { "\(reminder[$0] ?? "-")" }.joined(separator: "|")
    }.sorted()
  }

  /// A contact id no other test run shares: the journal is machine-wide.
  static func uniqueID(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
  }
}

// MARK: - The journal

/// Reads kithd's entries back with `journalctl -o json`.
enum JournalReader {
  static let socketPath = "/run/systemd/journal/socket"

  enum MessageID {
    static let due = "f3b6a1c0d2e84f5a9c7e1b2d3a4f5e60"
    static let acked = "8e2d4c6a0b1f4e3d9a8c7b6e5d4c3b21"
    static let snoozed = "1a9f8e7d6c5b4a39b2c1d0e9f8a7b6c5"
    static let configRejected = "c4d5e6f708192a3b4c5d6e7f8091a2b3"
  }

  /// Whether journald accepts datagrams now (a socket file left by a dead journald refuses).
  static var isReachable: Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard var address = unixAddress(socketPath) else { return false }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    return result == 0
  }

  /// True when the journal can be used; otherwise fails the test under CI=true and prints a
  /// skip message elsewhere, and the caller returns.
  static func require(_ test: String) -> Bool {
    if isReachable { return true }
    let message =
      "\(test): journald is not reachable at \(socketPath); as root run "
      + "`mkdir -p /run/systemd/journal && /lib/systemd/systemd-journald &`"
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record(Comment(rawValue: message))
    } else {
      print("Skipping \(message)")
    }
    return false
  }

  /// Entries matching every `FIELD=value`, oldest first; string fields only.
  static func entries(_ matches: [String]) throws -> [[String: String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
    process.arguments = ["-o", "json", "--no-pager", "-q"] + matches
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      else { return nil }
      return object.compactMapValues { $0 as? String }
    }
  }

  /// Polls until at least `count` entries match (bounded); returns what matched by then.
  static func waitFor(
    _ matches: [String], count: Int = 1, timeout: TimeInterval = 15
  ) throws -> [[String: String]] {
    var found: [[String: String]] = []
    try eventually(timeout: timeout, interval: 0.1) {
      found = try entries(matches)
      return found.count >= count
    }
    return found
  }

  /// `__REALTIME_TIMESTAMP` as a date.
  static func timestamp(_ entry: [String: String]) -> Date? {
    entry["__REALTIME_TIMESTAMP"].flatMap(Double.init).map {
      Date(timeIntervalSince1970: $0 / 1e6)
    }
  }
}

/// ISO 8601 with an offset ("2026-11-24T06:44:29-05:00") to a date.
func parseISO8601(_ text: String?) -> Date? {
  guard let text else { return nil }
  return ISO8601DateFormatter().date(from: text)
}

// MARK: - Sockets

/// A `sockaddr_un` for `path`, nil when it does not fit.
func unixAddress(_ path: String) -> sockaddr_un? {
  var address = sockaddr_un()
  let bytes = Array(path.utf8)
  guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
  address.sun_family = sa_family_t(AF_UNIX)
  withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
  return address
}

/// A raw client of the daemon's socket: arbitrary bytes out, lines in, every read bounded.
final class SocketClient {
  private var fd: Int32
  private var buffer: [UInt8] = []
  /// The peer closed (or reset) the connection.
  private(set) var sawEOF = false

  init(path: String) throws {
    fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HarnessError("socket: errno \(errno)") }
    guard var address = unixAddress(path) else {
      close()
      throw HarnessError("socket path too long: \(path)")
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      close()
      throw HarnessError("connect \(path): \(String(cString: strerror(code)))")
    }
  }

  deinit { close() }

  func close() {
    if fd >= 0 { Glibc.close(fd) }
    fd = -1
  }

  /// Writes all of `bytes` (blocking); throws when the peer is gone.
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw HarnessError("send: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  func send(line: String) throws { try send(Array((line + "\n").utf8)) }

  /// The next line (newline removed), or nil on EOF or when `timeout` passes first.
  func readLine(timeout: TimeInterval = 10) -> String? {
    let deadline = Date() + timeout
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      if sawEOF || fd < 0 { return nil }
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return nil }
      guard fill(timeout: remaining) else { continue }
    }
  }

  /// Reads and drops input until EOF; true when EOF came within `timeout`.
  func waitForEOF(timeout: TimeInterval = 10) -> Bool {
    let deadline = Date() + timeout
    while !sawEOF {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return false }
      _ = fill(timeout: remaining)
      buffer.removeAll()
    }
    return true
  }

  /// Waits for input up to `timeout` and appends it; false when nothing arrived.
  private func fill(timeout: TimeInterval) -> Bool {
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, Int32(min(timeout, 60) * 1000) + 1)
    if ready < 0, errno == EINTR { return false }
    if ready == 0 { return false }
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if count > 0 {
      buffer.append(contentsOf: chunk[..<count])
      return true
    }
    if count < 0, errno == EINTR || errno == EAGAIN { return false }
    // 0: orderly EOF; ECONNRESET and friends: the peer is gone all the same.
    sawEOF = true
    return true
  }

  /// Sends one JSON line and decodes the next line as a JSON object.
  func request(_ line: String, timeout: TimeInterval = 10) throws -> [String: Any] {
    try send(line: line)
    guard let reply = readLine(timeout: timeout) else {
      throw HarnessError("no reply to \(line.prefix(80)) within \(timeout) s")
    }
    return try Self.decode(reply)
  }

  static func decode(_ line: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { throw HarnessError("not a JSON object: \(line.prefix(200))") }
    return object
  }
}

/// The error code of a reply, `{"ok":false,"error":{"code":…}}`.
func errorCode(_ reply: [String: Any]) -> String? {
  (reply["error"] as? [String: Any])?["code"] as? String
}

/// A datagram socket standing in for systemd's NOTIFY_SOCKET.
final class NotifyListener {
  let path: String
  private var fd: Int32
  /// Every datagram received so far, in order.
  private(set) var messages: [String] = []

  init(path: String) throws {
    self.path = path
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0, var address = unixAddress(path) else {
      throw HarnessError("cannot create a datagram socket at \(path)")
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      throw HarnessError("bind \(path): \(String(cString: strerror(errno)))")
    }
  }

  deinit {
    Glibc.close(fd)
    unlink(path)
  }

  /// Receives datagrams until one satisfies `predicate` (returned) or `timeout` passes (nil).
  func waitFor(timeout: TimeInterval = 15, _ predicate: (String) -> Bool) -> String? {
    let deadline = Date() + timeout
    while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return nil }
      var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, Int32(remaining * 1000) + 1) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { continue }
      let message = String(decoding: chunk[..<count], as: UTF8.self)
      messages.append(message)
      if predicate(message) { return message }
    }
  }
}

/// Runs a command to completion (bounded by the child itself) and returns status and output.
func runCommand(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil
) throws -> Harness.Result {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  if let environment { process.environment = environment }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Harness.Result(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}
