@preconcurrency import Dispatch
@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Testing

/// A LineServer on a temporary socket that echoes lines and understands a few commands.
private final class EchoServer: @unchecked Sendable {
  let directory: TemporaryDirectory
  let path: String
  let server: LineServer
  let connects = Recorder<Int32>()
  let disconnects = Recorder<Int>()
  let lines = Recorder<String>()

  init(limits: LineServer.Limits = .init()) throws {
    directory = try TemporaryDirectory()
    path = directory.appending("kith/kith.sock")
    let fd = try UnixSocket.listen(path: path)
    server = LineServer(
      listeningFD: fd, queue: DispatchQueue(label: "kith.test.server"), limits: limits)
    server.onLine = { [lines] connection, line in
      lines.record(line)
      switch line {
      case "subscribe":
        connection.isSubscriber = true
        connection.send("subscribed")
      case "bye":
        connection.send("bye")
        connection.close()
      case let flood where flood.hasPrefix("flood "):
        let count = Int(flood.dropFirst(6)) ?? 0
        let chunk = String(repeating: "x", count: 65536)
        for _ in 0..<count { connection.send(chunk) }
      default:
        connection.send("echo:" + line)
      }
    }
    server.onConnect = { [connects] connection in connects.record(connection.peerPID) }
    server.onDisconnect = { [disconnects] connection in disconnects.record(connection.id) }
    server.start()
  }

  func connect() throws -> LineClient { try LineClient(path: path) }

  func stop() {
    server.stop()
    server.closeAll()
    directory.remove()
  }
}

@Suite("LineServer")
struct LineServerTests {
  @Test func roundTrip() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let client = try echo.connect()
    #expect(try client.request("hello", timeout: .seconds(5)) == "echo:hello")
    #expect(
      try client.request("{\"id\":1,\"op\":\"status\"}", timeout: .seconds(5))
        == "echo:{\"id\":1,\"op\":\"status\"}")
    #expect(echo.connects.wait(count: 1))
    #expect(echo.connects.values == [getpid()])
    #expect(echo.server.activeConnections.count == 1)
    client.close()
    #expect(echo.disconnects.wait(count: 1))
  }

  @Test func manyLinesInOneWrite() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let fd = try UnixSocket.connect(path: echo.path)
    defer { close(fd) }
    writeAll(fd, Array("one\ntwo\r\n\nthree\n".utf8))
    let client = LineReader(fd: fd)
    #expect(client.next() == "echo:one")
    #expect(client.next() == "echo:two")
    #expect(client.next() == "echo:three")
  }

  @Test func lineSplitAcrossWrites() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let fd = try UnixSocket.connect(path: echo.path)
    defer { close(fd) }
    writeAll(fd, Array("{\"op\":".utf8))
    // Half a line gets no answer.
    #expect(socketState(fd, within: 200) == .quiet)
    writeAll(fd, Array("\"list\"}\n".utf8))
    #expect(LineReader(fd: fd).next() == "echo:{\"op\":\"list\"}")
  }

  @Test func oversizedLineIsRefusedAndClosed() throws {
    let echo = try EchoServer(limits: .init(maxLineBytes: 1024))
    defer { echo.stop() }
    let fd = try UnixSocket.connect(path: echo.path)
    defer { close(fd) }
    writeAll(fd, [UInt8](repeating: UInt8(ascii: "a"), count: 4000))
    let reader = LineReader(fd: fd)
    #expect(
      reader.next()
        == #"{"ok":false,"error":{"code":"line_too_long","message":"request line exceeds 1024 bytes"}}"#
    )
    #expect(reader.next() == nil)
    #expect(echo.disconnects.wait(count: 1))
  }

  @Test func oversizedCompleteLineIsRefused() throws {
    let echo = try EchoServer(limits: .init(maxLineBytes: 16))
    defer { echo.stop() }
    let client = try echo.connect()
    #expect(try client.request("short", timeout: .seconds(5)) == "echo:short")
    let reply = try client.request(String(repeating: "b", count: 17), timeout: .seconds(5))
    #expect(reply.contains("line_too_long"))
    #expect(try client.readLine() == nil)
  }

  @Test func defaultLimitMessage() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let client = try echo.connect()
    let reply = try client.request(String(repeating: "c", count: 70000), timeout: .seconds(5))
    #expect(
      reply
        == #"{"ok":false,"error":{"code":"line_too_long","message":"request line exceeds 65536 bytes"}}"#
    )
  }

  @Test func invalidUTF8KeepsTheConnection() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let fd = try UnixSocket.connect(path: echo.path)
    defer { close(fd) }
    writeAll(fd, [0xFF, 0xFE, 0x41, UInt8(ascii: "\n")])
    let reader = LineReader(fd: fd)
    #expect(
      reader.next()
        == #"{"ok":false,"error":{"code":"bad_request","message":"request is not UTF-8"}}"#)
    writeAll(fd, Array("still here\n".utf8))
    #expect(reader.next() == "echo:still here")
  }

  @Test func maxClientsRefusesTheNextOne() throws {
    let echo = try EchoServer(limits: .init(maxClients: 2))
    defer { echo.stop() }
    let first = try echo.connect()
    let second = try echo.connect()
    #expect(try first.request("1", timeout: .seconds(5)) == "echo:1")
    #expect(try second.request("2", timeout: .seconds(5)) == "echo:2")
    let third = try echo.connect()
    #expect(
      try third.readLine() == #"{"ok":false,"error":{"code":"busy","message":"too many clients"}}"#)
    #expect(try third.readLine() == nil)
    // A place frees up when a client leaves.
    first.close()
    #expect(echo.disconnects.wait(count: 1))
    let fourth = try echo.connect()
    #expect(try fourth.request("4", timeout: .seconds(5)) == "echo:4")
  }

  @Test func idleTimeoutClosesOnlyNonSubscribers() throws {
    let echo = try EchoServer(limits: .init(idleTimeout: .milliseconds(500)))
    defer { echo.stop() }
    let subscriber = try echo.connect()
    #expect(try subscriber.request("subscribe", timeout: .seconds(5)) == "subscribed")
    let idle = try echo.connect()
    #expect(try idle.request("hi", timeout: .seconds(5)) == "echo:hi")
    // The idle client is closed by the server: wait for that event.
    #expect(try idle.readLine() == nil)
    #expect(echo.disconnects.wait(count: 1))
    // Well past its own deadline, the subscriber is still served.
    #expect(echo.server.activeConnections.count == 1)
    #expect(try subscriber.request("ping", timeout: .seconds(5)) == "echo:ping")
  }

  @Test func idleClientWithoutAnyLineIsClosed() throws {
    let echo = try EchoServer(limits: .init(idleTimeout: .milliseconds(500)))
    defer { echo.stop() }
    let client = try echo.connect()
    #expect(try client.readLine() == nil)
  }

  @Test func closeAfterReplyDeliversTheReply() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let client = try echo.connect()
    #expect(try client.request("bye", timeout: .seconds(5)) == "bye")
    #expect(try client.readLine() == nil)
  }

  @Test func abruptDisconnectMidLine() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    for _ in 0..<20 {
      let fd = try UnixSocket.connect(path: echo.path)
      writeAll(fd, Array("{\"id\":1,\"op\":\"ack\",\"args\":{\"ref\":".utf8))
      close(fd)
    }
    #expect(
      echo.disconnects.wait(count: 20),
      "\(echo.connects.values.count) connects, \(echo.disconnects.values.count) disconnects")
    #expect(echo.lines.values.isEmpty)
    let client = try echo.connect()
    #expect(try client.request("alive", timeout: .seconds(5)) == "echo:alive")
  }

  @Test func disconnectWithUnreadRepliesDoesNotCrash() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let fd = try UnixSocket.connect(path: echo.path)
    writeAll(fd, Array("flood 50\n".utf8))
    #expect(echo.lines.wait(count: 1))
    close(fd)
    #expect(echo.disconnects.wait(count: 1))
    let client = try echo.connect()
    #expect(try client.request("alive", timeout: .seconds(5)) == "echo:alive")
  }

  @Test func clientThatNeverReadsDoesNotBlockOthers() throws {
    let echo = try EchoServer(limits: .init(maxOutgoingBytes: 1 << 20))
    defer { echo.stop() }
    let slow = try echo.connect()
    try slow.send("flood 10")
    let fast = try echo.connect()
    #expect(echo.lines.wait(count: 1))
    for index in 0..<20 {
      #expect(try fast.request("n\(index)", timeout: .seconds(5)) == "echo:n\(index)")
    }
    // 640 KiB queued: below the limit, so the slow client stays connected.
    #expect(echo.server.activeConnections.count == 2)
    try slow.send("flood 100")
    // Far beyond the backlog limit: the slow reader is dropped.
    #expect(echo.disconnects.wait(count: 1))
    #expect(try fast.request("after", timeout: .seconds(5)) == "echo:after")
    slow.close()
  }

  @Test func requestTimesOut() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("mute.sock")
    let listener = try UnixSocket.listen(path: path)
    defer { close(listener) }
    // Nobody accepts: the connection sits in the backlog and never answers.
    let client = try LineClient(path: path)
    do {
      _ = try client.request("hello", timeout: .milliseconds(100))
      Issue.record("a request without reply returned")
    } catch {
      #expect(error.errno == ETIMEDOUT)
    }
  }

  @Test func stopClosesTheListenerButKeepsTheFile() throws {
    let echo = try EchoServer()
    defer { echo.stop() }
    let client = try echo.connect()
    #expect(try client.request("before", timeout: .seconds(5)) == "echo:before")
    echo.server.stop()
    #expect(mode(of: echo.path) == 0o600)
    do {
      _ = try UnixSocket.connect(path: echo.path)
      Issue.record("connect after stop succeeded")
    } catch {
      #expect(error.errno == ECONNREFUSED)
    }
    // Connections already open are still served until closeAll.
    #expect(try client.request("after", timeout: .seconds(5)) == "echo:after")
    echo.server.closeAll()
    #expect(try client.readLine() == nil)
  }

  @Test func otherUIDIsForbidden() throws {
    guard isRoot else {
      print("Skipping cross-uid test: it needs root to run a client as nobody")
      return
    }
    let python = "/usr/bin/python3"
    guard FileManager.default.isExecutableFile(atPath: python) else {
      print("Skipping cross-uid test: \(python) is missing")
      return
    }
    let echo = try EchoServer()
    defer { echo.stop() }
    // For this test only, let nobody reach the socket; the server must still refuse it.
    for path in [echo.directory.path, echo.directory.appending("kith")] {
      #expect(chmod(path, 0o755) == 0)
    }
    #expect(chmod(echo.path, 0o666) == 0)
    let script = """
      import socket, sys
      s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
      s.settimeout(10)
      s.connect(sys.argv[1])
      try:
          s.sendall(b'{"id":1,"op":"status"}\\n')
      except BrokenPipeError:
          pass  # refused before the request was written; the reply is still readable
      data = b''
      while True:
          try:
              chunk = s.recv(4096)
          except ConnectionResetError:
              print('RESET')
              break
          if not chunk:
              break
          data += chunk
      print(data.decode(), end='')
      print('EOF')
      """
    let result = try run(
      "/usr/bin/setpriv",
      ["--reuid=nobody", "--regid=nogroup", "--clear-groups", python, "-c", script, echo.path])
    #expect(result.status == 0, "client output: \(result.output) \(result.errors)")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix(#"{"ok":false,"error":{"code":"forbidden","message":"#) == true)
    #expect(lines.first?.contains("uid 65534") == true)
    #expect(lines.last == "EOF")
    // Refused before admission: no handler saw it.
    #expect(echo.connects.values.isEmpty)
    #expect(echo.lines.values.isEmpty)
  }
}

/// Reads lines from a raw blocking fd, 5 s at most per line.
private final class LineReader {
  let fd: Int32
  private var buffer: [UInt8] = []

  init(fd: Int32) { self.fd = fd }

  func next() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 5000) == 1 else { return nil }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { return nil }
      buffer.append(contentsOf: chunk[..<count])
    }
  }
}
