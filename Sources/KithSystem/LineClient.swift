@preconcurrency import CSystemd
@preconcurrency import Glibc

/// A blocking client for a ``LineServer``: one request line, one reply line, or a stream of
/// event lines. For the CLI; not for use from several threads at once.
public final class LineClient {
  /// The socket path connected to, for error messages.
  public let path: String
  private var fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to the server at `path`.
  public init(path: String) throws(SystemError) {
    self.path = path
    self.fd = try UnixSocket.connect(path: path)
  }

  deinit {
    if fd >= 0 { Glibc.close(fd) }
  }

  /// Sends `line` plus "\n" and waits up to `timeout` for one reply line.
  ///
  /// - Throws: ``SystemError`` with ETIMEDOUT when no reply came in time, ECONNRESET when the
  ///   server closed the connection first, or the errno of a failed write or read.
  public func request(_ line: String, timeout: Duration) throws(SystemError) -> String {
    try send(line)
    let deadline = ContinuousClock.now + timeout
    guard let reply = try readLine(deadline: deadline) else {
      throw SystemError(
        operation: "read reply from", path: path, errno: ECONNRESET,
        detail: "the server closed the connection")
    }
    return reply
  }

  /// Writes `line` plus "\n", retrying partial writes and EINTR.
  public func send(_ line: String) throws(SystemError) {
    guard fd >= 0 else { throw SystemError(operation: "write to", path: path, errno: EBADF) }
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        kith_send_blocking_nosignal(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw .current("write to", path: path)
      }
      offset += written
    }
  }

  /// The next line from the server without its newline, waiting as long as it takes; nil at
  /// end of stream.
  public func readLine() throws(SystemError) -> String? {
    try readLine(deadline: nil)
  }

  /// Closes the connection; later calls fail with EBADF.
  public func close() {
    guard fd >= 0 else { return }
    Glibc.close(fd)
    fd = -1
  }

  private func readLine(deadline: ContinuousClock.Instant?) throws(SystemError) -> String? {
    guard fd >= 0 else { throw SystemError(operation: "read from", path: path, errno: EBADF) }
    var scanned = 0
    while true {
      if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      scanned = buffer.count
      try waitReadable(deadline: deadline)
      var chunk = [UInt8](repeating: 0, count: 65536)
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        // The server closing on us after its last line reads as the end of the stream.
        if errno == ECONNRESET, buffer.isEmpty { return nil }
        throw .current("read from", path: path)
      }
      if count == 0 {
        // A last line without newline still counts; then the end.
        guard !buffer.isEmpty else { return nil }
        let line = String(decoding: buffer, as: UTF8.self)
        buffer = []
        return line
      }
      buffer.append(contentsOf: chunk[..<count])
    }
  }

  private func waitReadable(deadline: ContinuousClock.Instant?) throws(SystemError) {
    while true {
      var timeoutMilliseconds: Int32 = -1
      if let deadline {
        let remaining = deadline - ContinuousClock.now
        if remaining <= .zero {
          throw SystemError(
            operation: "read reply from", path: path, errno: ETIMEDOUT,
            detail: "no reply within the timeout")
        }
        let (seconds, attoseconds) = remaining.components
        let milliseconds =
          seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        timeoutMilliseconds = Int32(clamping: milliseconds)
      }
      var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let result = poll(&descriptor, 1, timeoutMilliseconds)
      if result > 0 { return }
      if result < 0, errno != EINTR { throw .current("wait for", path: path) }
      // 0: the poll timed out; the loop re-checks the deadline.
    }
  }
}
