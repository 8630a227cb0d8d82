@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Testing

/// Collects values from callbacks on other threads and lets a test wait for them.
final class Recorder<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var storage: [Value] = []

  func record(_ value: Value) {
    condition.lock()
    storage.append(value)
    condition.broadcast()
    condition.unlock()
  }

  var values: [Value] {
    condition.lock()
    defer { condition.unlock() }
    return storage
  }

  /// Waits until at least `count` values arrived; false after `timeout`.
  @discardableResult
  func wait(count: Int = 1, timeout: TimeInterval = 5) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    while storage.count < count {
      if !condition.wait(until: deadline) { return storage.count >= count }
    }
    return true
  }

  /// Waits until a value satisfies `predicate`; false after `timeout`.
  @discardableResult
  func wait(timeout: TimeInterval = 5, until predicate: (Value) -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    while !storage.contains(where: predicate) {
      if !condition.wait(until: deadline) { return storage.contains(where: predicate) }
    }
    return true
  }
}

/// A private directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("/tmp/kith-system-test-XXXXXX".utf8CString)
    let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard result != nil else { throw SystemError.current("mkdtemp") }
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  func appending(_ name: String) -> String { path + "/" + name }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Permission bits of the file at `path` (lstat, so a socket's own mode).
func mode(of path: String) -> mode_t? {
  var info = stat()
  guard lstat(path, &info) == 0 else { return nil }
  return info.st_mode & 0o7777
}

/// Writes all of `bytes` to a blocking fd.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
  var offset = 0
  while offset < bytes.count {
    let written = bytes.withUnsafeBytes {
      send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
    }
    if written < 0 {
      if errno == EINTR { continue }
      return
    }
    offset += written
  }
}

/// Outcome of waiting on a client socket.
enum SocketState: Equatable {
  case quiet
  case readable
  case closed
}

/// Polls `fd` for up to `milliseconds`: nothing happened, data arrived, or the peer hung up
/// with nothing left to read.
func socketState(_ fd: Int32, within milliseconds: Int32) -> SocketState {
  var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
  let result = poll(&descriptor, 1, milliseconds)
  guard result > 0 else { return .quiet }
  var byte: UInt8 = 0
  let peeked = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
  return peeked > 0 ? .readable : .closed
}

/// Runs a program and returns its exit status and standard output.
func run(_ executable: String, _ arguments: [String]) throws -> (
  status: Int32, output: String, errors: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
    "kith-test-stderr-\(UUID().uuidString)")
  _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: errorFile) }
  process.standardError = try FileHandle(forWritingTo: errorFile)
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
  return (process.terminationStatus, String(decoding: data, as: UTF8.self), errors)
}

let isRoot = geteuid() == 0
let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
