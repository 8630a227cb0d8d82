@preconcurrency import CSystemd
@preconcurrency import Dispatch
@preconcurrency import Foundation
@preconcurrency import Glibc

/// One client of a ``LineServer``: newline-delimited text in, buffered non-blocking writes out.
///
/// All I/O happens on the server's queue. ``send(_:)`` and ``close()`` may be called from any
/// thread; they hop onto the queue. A reader that falls more than
/// ``LineServer/Limits/maxOutgoingBytes`` behind is dropped, so it cannot stall the daemon.
public final class LineConnection: @unchecked Sendable {
  // @unchecked: mutable state is confined to `context.queue`; `subscriber` has its own lock.

  /// A number unique within the server, for logs.
  public let id: Int
  /// The client's process id (SO_PEERCRED) at connect time.
  public let peerPID: Int32
  /// The client's user id (SO_PEERCRED).
  public let peerUID: UInt32

  /// Set by the request handler when the connection became an event stream: subscribers are
  /// exempt from the idle timeout.
  public var isSubscriber: Bool {
    get { subscriberLock.withLock { subscriber } }
    set { subscriberLock.withLock { subscriber = newValue } }
  }

  private let subscriberLock = NSLock()
  private var subscriber = false

  private let fd: Int32
  private let context: SerialContext
  private let limits: LineServer.Limits
  private let lineHandler: (LineConnection, String) -> Void
  private let closeHandler: (LineConnection) -> Void

  private var input: [UInt8] = []
  private var output: [UInt8] = []
  private var outputOffset = 0
  private var readSource: (any DispatchSourceRead)?
  private var writeSource: (any DispatchSourceWrite)?
  private var idleTimer: (any DispatchSourceTimer)?
  /// Sources whose cancel handler has not run yet; the fd is closed when this reaches zero
  /// after teardown, because Dispatch must not watch a closed (and maybe reused) fd.
  private var liveSources = 0
  private var closing = false
  private var closed = false

  init(
    fd: Int32, id: Int, peerPID: Int32, peerUID: UInt32, context: SerialContext,
    limits: LineServer.Limits, lineHandler: @escaping (LineConnection, String) -> Void,
    closeHandler: @escaping (LineConnection) -> Void
  ) {
    self.fd = fd
    self.id = id
    self.peerPID = peerPID
    self.peerUID = peerUID
    self.context = context
    self.limits = limits
    self.lineHandler = lineHandler
    self.closeHandler = closeHandler
  }

  /// Queues `line` plus "\n" for the client. Never blocks.
  public func send(_ line: String) {
    let bytes = Array(line.utf8) + [UInt8(ascii: "\n")]
    context.perform { self.enqueue(bytes) }
  }

  /// Closes the connection once what was sent so far is written (or the idle timeout passes).
  public func close() {
    context.perform { self.closeAfterFlush() }
  }

  /// Whether the connection was torn down. Read it on the server's queue.
  public var isClosed: Bool { closed }

  // MARK: - Queue-confined

  func start() {
    let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: context.queue)
    source.setEventHandler { [weak self] in self?.readAvailable() }
    source.setCancelHandler { self.sourceCancelled() }
    liveSources += 1
    readSource = source
    source.activate()
    armIdleTimer()
  }

  /// Closes now, dropping unsent output.
  func terminate() {
    guard !closed else { return }
    closed = true
    idleTimer?.cancel()
    idleTimer = nil
    discardPendingInput()
    readSource?.cancel()
    readSource = nil
    writeSource?.cancel()
    writeSource = nil
    input = []
    output = []
    closeHandler(self)
  }

  private func sourceCancelled() {
    liveSources -= 1
    if closed, liveSources == 0 { Glibc.close(fd) }
  }

  private func readAvailable() {
    guard !closed else { return }
    var chunk = [UInt8](repeating: 0, count: 65536)
    // Read until EAGAIN: data and EOF can arrive together, and the EOF must not wait for an
    // event that never comes. After a few chunks, yield the queue to the other clients and
    // continue from a fresh block.
    for _ in 0..<4 {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        if !closing { input.append(contentsOf: chunk[..<count]) }
        processInput()
        if closed { return }
        continue
      }
      if count < 0, errno == EINTR { continue }
      if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return }
      // EOF or a socket error: what arrived complete was answered; close after the replies.
      closeAfterFlush()
      return
    }
    context.queue.async { [weak self] in self?.readAvailable() }
  }

  private func processInput() {
    guard !closing, !closed else { return }
    var start = input.startIndex
    while !closing, !closed, let newline = input[start...].firstIndex(of: UInt8(ascii: "\n")) {
      if newline - start > limits.maxLineBytes {
        lineTooLong()
        return
      }
      var end = newline
      if end > start, input[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      let bytes = input[start..<end]
      start = newline + 1
      armIdleTimer()
      if bytes.isEmpty { continue }
      if let line = String(validating: bytes, as: UTF8.self) {
        lineHandler(self, line)
      } else {
        enqueue(LineServer.errorLine(code: "bad_request", message: "request is not UTF-8"))
      }
    }
    guard !closed else { return }
    input.removeSubrange(..<start)
    if input.count > limits.maxLineBytes { lineTooLong() }
  }

  private func lineTooLong() {
    input = []
    enqueue(
      LineServer.errorLine(
        code: "line_too_long", message: "request line exceeds \(limits.maxLineBytes) bytes"))
    closeAfterFlush()
  }

  private func enqueue(_ bytes: [UInt8]) {
    guard !closed, !closing else { return }
    // Drop a reader that has not taken the previous backlog; one large reply alone is fine.
    if output.count - outputOffset > limits.maxOutgoingBytes {
      terminate()
      return
    }
    output.append(contentsOf: bytes)
    if writeSource == nil { flush() }
  }

  private func flush() {
    while outputOffset < output.count {
      let written = output.withUnsafeBytes { raw in
        kith_send_nosignal(fd, raw.baseAddress! + outputOffset, raw.count - outputOffset)
      }
      if written >= 0 {
        outputOffset += written
        continue
      }
      if errno == EINTR { continue }
      if errno == EAGAIN || errno == EWOULDBLOCK {
        if outputOffset > 1 << 20 {
          output.removeSubrange(..<outputOffset)
          outputOffset = 0
        }
        armWriteSource()
        return
      }
      // EPIPE, ECONNRESET: the client is gone.
      terminate()
      return
    }
    output.removeAll(keepingCapacity: output.capacity <= 65536)
    outputOffset = 0
    if let source = writeSource {
      writeSource = nil
      source.cancel()
    }
    if closing { terminate() }
  }

  private func armWriteSource() {
    guard writeSource == nil else { return }
    let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: context.queue)
    source.setEventHandler { [weak self] in
      guard let self, !self.closed else { return }
      self.flush()
    }
    source.setCancelHandler { self.sourceCancelled() }
    liveSources += 1
    writeSource = source
    source.activate()
  }

  private func closeAfterFlush() {
    guard !closed else { return }
    closing = true
    if outputOffset >= output.count {
      terminate()
    } else {
      // Bound the wait for a client that stopped reading.
      armIdleTimer(force: true)
    }
  }

  private func armIdleTimer(force: Bool = false) {
    guard !closed else { return }
    let interval = limits.idleTimeout.dispatchInterval
    if case .never = interval { return }
    if idleTimer == nil {
      let timer = DispatchSource.makeTimerSource(queue: context.queue)
      timer.setEventHandler { [weak self] in self?.idleTimerFired() }
      timer.schedule(deadline: .now() + interval)
      idleTimer = timer
      timer.activate()
    } else if force || !closing {
      idleTimer?.schedule(deadline: .now() + interval)
    }
  }

  private func idleTimerFired() {
    guard !closed else { return }
    // One-shot: a subscriber's timer stays quiet until its next request re-arms it.
    if closing || !isSubscriber { terminate() }
  }

  /// Reads and drops what the client already sent: closing a Unix socket with unread data
  /// makes the client's next read fail with ECONNRESET instead of seeing our last line + EOF.
  private func discardPendingInput() {
    var scratch = [UInt8](repeating: 0, count: 65536)
    for _ in 0..<16 {
      let count = scratch.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count > 0 { continue }
      if count < 0, errno == EINTR { continue }
      return
    }
  }
}
