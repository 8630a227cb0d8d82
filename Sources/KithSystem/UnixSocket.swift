@preconcurrency import CSystemd
@preconcurrency import Glibc

/// Unix stream sockets for kithd and its clients: binding safely, socket activation, connecting
/// and peer credentials. File descriptors are plain `Int32`s the caller owns.
public enum UnixSocket {
  /// The longest path `sockaddr_un.sun_path` holds, leaving room for the terminating NUL.
  public static let maxPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

  /// Binds and listens on `path`, returning a non-blocking, close-on-exec listener.
  ///
  /// The parent directory is created with mode 0700 when missing, and tightened to 0700 when it
  /// is ours but group/other accessible. The socket file is created 0600.
  /// A socket file nobody listens on (connect refused) is stale and replaced; one that accepts a
  /// connection belongs to a live instance, and that is an error (EADDRINUSE).
  public static func listen(path: String, backlog: Int32 = 64) throws(SystemError) -> Int32 {
    var address = try socketAddress(path, operation: "bind")
    try prepareDirectory(parentDirectory(of: path))
    try removeStaleSocket(at: path)

    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .current("create socket for", path: path) }
    // The mode of the socket file comes from the socket inode's mode minus the umask (Linux
    // unix_bind), so fchmod before bind gives 0600 atomically. umask(0o177) around bind would
    // too, but umask is process-wide: a directory another thread creates meanwhile would come
    // out 0600 (seen in parallel tests).
    guard fchmod(fd, 0o600) == 0 else {
      let error = SystemError.current("set mode 0600 on socket for", path: path)
      close(fd)
      throw error
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    let bindErrno = errno
    guard bound == 0 else {
      close(fd)
      if bindErrno == EADDRINUSE {
        // Another process bound between the stale check and our bind.
        throw SystemError(
          operation: "bind", path: path, errno: bindErrno,
          detail: "another instance is running at \(path)")
      }
      throw SystemError(operation: "bind", path: path, errno: bindErrno)
    }
    guard Glibc.listen(fd, backlog) == 0 else {
      let error = SystemError.current("listen on", path: path)
      close(fd)
      unlink(path)
      throw error
    }
    do {
      try setNonBlocking(fd)
    } catch {
      close(fd)
      unlink(path)
      throw error
    }
    return fd
  }

  /// The listener systemd passed by socket activation (fd 3), made non-blocking, or nil when the
  /// process was not socket-activated.
  ///
  /// LISTEN_FDS/LISTEN_PID stay in the environment (sd_listen_fds(0)); they name our own pid,
  /// so children ignore them. Activated sockets arrive blocking, which would hang a
  /// non-blocking accept loop, hence O_NONBLOCK.
  public static func activatedListener() -> Int32? {
    guard sd_listen_fds(0) >= 1 else { return nil }
    let fd = SD_LISTEN_FDS_START
    // A unit that passes something else than a listening Unix stream socket is misconfigured.
    guard sd_is_socket_unix(fd, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else { return nil }
    guard (try? setNonBlocking(fd)) != nil, kith_fd_set_cloexec(fd) == 0 else { return nil }
    return fd
  }

  /// Connects to the socket at `path`; the returned fd is blocking and close-on-exec.
  public static func connect(path: String) throws(SystemError) -> Int32 {
    var address = try socketAddress(path, operation: "connect to")
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .current("create socket for", path: path) }
    while true {
      let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      if result == 0 { return fd }
      // After EINTR the connection completes in the background; a retry reports EISCONN.
      if errno == EINTR { continue }
      if errno == EISCONN { return fd }
      let error = SystemError.current("connect to", path: path)
      close(fd)
      throw error
    }
  }

  /// The process id, user id and group id of the peer of a connected socket (SO_PEERCRED).
  public static func peerCredentials(fd: Int32) throws(SystemError) -> (
    pid: Int32, uid: UInt32, gid: UInt32
  ) {
    var credentials = kith_ucred()
    guard kith_peer_credentials(fd, &credentials) == 0 else {
      throw .current("read peer credentials of", path: "fd \(fd)")
    }
    return (credentials.pid, credentials.uid, credentials.gid)
  }

  /// Sets O_NONBLOCK on `fd`.
  public static func setNonBlocking(_ fd: Int32) throws(SystemError) {
    guard kith_fd_add_status_flag(fd, O_NONBLOCK) == 0 else {
      throw .current("set O_NONBLOCK on", path: "fd \(fd)")
    }
  }

  /// A `sockaddr_un` for `path`, refusing paths that do not fit in sun_path.
  static func socketAddress(_ path: String, operation: String) throws(SystemError) -> sockaddr_un {
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, !bytes.contains(0) else {
      throw SystemError(operation: operation, path: path, errno: EINVAL, detail: "invalid path")
    }
    guard bytes.count <= maxPathBytes else {
      throw SystemError(
        operation: operation, path: path, errno: ENAMETOOLONG,
        detail: "the socket path is \(bytes.count) bytes; at most \(maxPathBytes) fit")
    }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
    }
    return address
  }

  /// The directory part of `path` ("." for a bare name).
  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }

  /// mkdir -p with mode 0700 for what is created; an existing directory of ours loses any
  /// group/other permission, so only our uid can reach the socket.
  static func prepareDirectory(_ directory: String) throws(SystemError) {
    var info = stat()
    if stat(directory, &info) != 0 {
      guard errno == ENOENT else { throw .current("inspect", path: directory) }
      let parent = parentDirectory(of: directory)
      if parent != directory { try prepareDirectory(parent) }
      if mkdir(directory, 0o700) != 0, errno != EEXIST {
        throw .current("create directory", path: directory)
      }
      // mkdir applies the umask; an unusual one (0o177) would leave a directory without x.
      guard chmod(directory, 0o700) == 0 else { throw .current("chmod 0700", path: directory) }
      return
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw SystemError(
        operation: "use directory", path: directory, errno: ENOTDIR, detail: "not a directory")
    }
    if info.st_uid == geteuid(), info.st_mode & 0o077 != 0 {
      guard chmod(directory, 0o700) == 0 else { throw .current("chmod 0700", path: directory) }
    }
  }

  /// Unlinks a socket file nobody listens on; throws when a live instance answers.
  static func removeStaleSocket(at path: String) throws(SystemError) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return }
      throw .current("inspect", path: path)
    }
    guard (info.st_mode & S_IFMT) == S_IFSOCK else {
      // Never delete a regular file or directory someone put there.
      throw SystemError(
        operation: "bind", path: path, errno: EEXIST, detail: "a file that is not a socket exists")
    }
    let probe: Int32
    do {
      probe = try connect(path: path)
    } catch {
      switch error.errno {
      case ECONNREFUSED:
        // Nobody listens: a leftover from a crashed instance.
        if unlink(path) != 0, errno != ENOENT { throw .current("remove stale socket", path: path) }
        return
      case ENOENT:
        return
      default:
        throw error
      }
    }
    close(probe)
    throw SystemError(
      operation: "bind", path: path, errno: EADDRINUSE,
      detail: "another instance is running at \(path)")
  }
}
