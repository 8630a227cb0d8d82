@preconcurrency import CSystemd
@preconcurrency import Dispatch
@preconcurrency import Foundation
@preconcurrency import Glibc

/// A newline-delimited text server on a listening Unix socket, driven by Dispatch sources.
///
/// Accepts only peers with our uid (SO_PEERCRED), caps the number of clients and the length
/// of a request line, and closes idle non-subscribers. Every callback runs on `queue`, which
/// must be serial; public methods may be called from any thread.
public final class LineServer: @unchecked Sendable {
  // @unchecked: mutable state is confined to `context.queue`; the handlers have a lock.

  /// Bounds that keep one client from exhausting the daemon.
  public struct Limits: Sendable {
    /// The longest request line accepted, newline excluded.
    public var maxLineBytes: Int
    /// Connections beyond this many get a "busy" error and are closed.
    public var maxClients: Int
    /// A non-subscriber that sends no complete line for this long is closed.
    public var idleTimeout: Duration
    /// A client whose unread backlog exceeds this is dropped at the next send.
    public var maxOutgoingBytes: Int

    public init(
      maxLineBytes: Int = 65536, maxClients: Int = 64, idleTimeout: Duration = .seconds(30),
      maxOutgoingBytes: Int = 4 << 20
    ) {
      self.maxLineBytes = maxLineBytes
      self.maxClients = maxClients
      self.idleTimeout = idleTimeout
      self.maxOutgoingBytes = maxOutgoingBytes
    }
  }

  private struct Handlers {
    var onLine: @Sendable (LineConnection, String) -> Void = { _, _ in }
    var onConnect: (@Sendable (LineConnection) -> Void)?
    var onDisconnect: (@Sendable (LineConnection) -> Void)?
  }

  /// Called on the queue with each request line, newline removed.
  public var onLine: @Sendable (LineConnection, String) -> Void {
    get { handlersLock.withLock { handlers.onLine } }
    set { handlersLock.withLock { handlers.onLine = newValue } }
  }

  /// Called on the queue when a client of our uid was admitted.
  public var onConnect: (@Sendable (LineConnection) -> Void)? {
    get { handlersLock.withLock { handlers.onConnect } }
    set { handlersLock.withLock { handlers.onConnect = newValue } }
  }

  /// Called on the queue once a connection is closed, for whatever reason.
  public var onDisconnect: (@Sendable (LineConnection) -> Void)? {
    get { handlersLock.withLock { handlers.onDisconnect } }
    set { handlersLock.withLock { handlers.onDisconnect = newValue } }
  }

  public let limits: Limits
  private let listeningFD: Int32
  private let context: SerialContext
  private let handlersLock = NSLock()
  private var handlers = Handlers()

  private var acceptSource: (any DispatchSourceRead)?
  /// Signalled by the accept source's cancel handler once the listener is closed.
  private let listenerClosed = DispatchSemaphore(value: 0)
  private var connections: [Int: LineConnection] = [:]
  private var nextID = 1
  private var started = false
  private var stopped = false

  /// Wraps a listening socket (from ``UnixSocket/listen(path:backlog:)`` or
  /// ``UnixSocket/activatedListener()``); the server closes it on ``stop()``.
  public init(listeningFD: Int32, queue: DispatchQueue, limits: Limits = .init()) {
    self.listeningFD = listeningFD
    self.context = SerialContext(queue: queue)
    self.limits = limits
  }

  deinit {
    acceptSource?.cancel()
    if !started && !stopped { Glibc.close(listeningFD) }
    let remaining = Array(connections.values)
    context.queue.async { remaining.forEach { $0.terminate() } }
  }

  /// The open connections, in no particular order.
  public var activeConnections: [LineConnection] {
    context.performAndWait { Array(connections.values) }
  }

  /// Starts accepting clients.
  public func start() {
    context.performAndWait {
      guard !started, !stopped else { return }
      started = true
      // Activated sockets arrive blocking; a blocking accept would hang the queue.
      try? UnixSocket.setNonBlocking(listeningFD)
      let fd = listeningFD
      let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: context.queue)
      source.setEventHandler { [weak self] in self?.acceptAvailable() }
      source.setCancelHandler { [listenerClosed] in
        Glibc.close(fd)
        listenerClosed.signal()
      }
      acceptSource = source
      source.activate()
    }
  }

  /// Stops accepting and closes the listening socket. Open connections stay; the socket file
  /// is left in place for the caller to unlink (never with socket activation).
  ///
  /// Called from another thread, this returns once the listener is closed; called on the
  /// server's queue, the listener closes right after the current block (Dispatch closes a
  /// watched fd only from the source's cancel handler).
  public func stop() {
    let mustWait = context.performAndWait { () -> Bool in
      guard !stopped else { return false }
      stopped = true
      guard let source = acceptSource else {
        Glibc.close(listeningFD)
        return false
      }
      acceptSource = nil
      source.cancel()
      return true
    }
    if mustWait, !context.isCurrent { listenerClosed.wait() }
  }

  /// Closes every open connection at once, dropping unsent output.
  public func closeAll() {
    context.performAndWait {
      for connection in Array(connections.values) { connection.terminate() }
    }
  }

  /// A one-line JSON error reply, as the protocol documents it.
  static func errorLine(code: String, message: String) -> [UInt8] {
    // Codes and messages are fixed ASCII here, so only quotes and backslashes need escaping.
    let escaped = message.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    return Array(
      "{\"ok\":false,\"error\":{\"code\":\"\(code)\",\"message\":\"\(escaped)\"}}\n".utf8)
  }

  // MARK: - Queue-confined

  private func acceptAvailable() {
    guard !stopped else { return }
    for _ in 0..<64 {
      let fd = kith_accept_nonblocking(listeningFD)
      if fd >= 0 {
        admit(fd)
        continue
      }
      switch errno {
      case EINTR, ECONNABORTED, EPROTO:
        continue
      case EMFILE, ENFILE, ENOBUFS, ENOMEM:
        pauseAccepting()
        return
      default:
        // EAGAIN: the backlog is empty.
        return
      }
    }
    // More may be waiting; continue after the other work queued meanwhile.
    context.queue.async { [weak self] in self?.acceptAvailable() }
  }

  /// Out of descriptors: the listener stays readable, so stop watching it for a moment rather
  /// than spin.
  private func pauseAccepting() {
    guard let source = acceptSource else { return }
    source.suspend()
    context.queue.asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
      source.resume()
      // Whatever is still in the backlog may not raise a new event.
      self?.acceptAvailable()
    }
  }

  private func admit(_ fd: Int32) {
    guard let peer = try? UnixSocket.peerCredentials(fd: fd) else {
      Glibc.close(fd)
      return
    }
    if peer.uid != getuid() {
      Self.refuse(
        fd,
        Self.errorLine(
          code: "forbidden",
          message: "connection from uid \(peer.uid) refused: this daemon serves uid \(getuid())"))
      return
    }
    if connections.count >= limits.maxClients {
      Self.refuse(fd, Self.errorLine(code: "busy", message: "too many clients"))
      return
    }
    let id = nextID
    nextID += 1
    let connection = LineConnection(
      fd: fd, id: id, peerPID: peer.pid, peerUID: peer.uid, context: context, limits: limits,
      lineHandler: { [weak self] connection, line in
        guard let self else { return }
        self.onLine(connection, line)
      },
      closeHandler: { [weak self] connection in
        guard let self else { return }
        self.connections[connection.id] = nil
        self.onDisconnect?(connection)
      })
    connections[id] = connection
    connection.start()
    onConnect?(connection)
  }

  /// Writes one line to a fresh socket (its buffer is empty, so this cannot block) and closes.
  private static func refuse(_ fd: Int32, _ line: [UInt8]) {
    _ = line.withUnsafeBytes { kith_send_nosignal(fd, $0.baseAddress, $0.count) }
    // Drop what the client already sent, so it reads our line and EOF, not ECONNRESET.
    var scratch = [UInt8](repeating: 0, count: 4096)
    for _ in 0..<16 {
      let count = scratch.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
    }
    Glibc.close(fd)
  }
}
