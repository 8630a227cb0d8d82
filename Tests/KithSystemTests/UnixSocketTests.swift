@preconcurrency import Foundation
@preconcurrency import Glibc
import KithSystem
import Testing

@Suite("UnixSocket")
struct UnixSocketTests {
  @Test func listenCreatesPrivateDirectoryAndSocket() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("run/kith/kith.sock")
    let fd = try UnixSocket.listen(path: path)
    defer { close(fd) }
    #expect(mode(of: directory.appending("run/kith")) == 0o700)
    #expect(mode(of: directory.appending("run")) == 0o700)
    #expect(mode(of: path) == 0o600)
    #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
    #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
  }

  @Test func socketModeIgnoresAPermissiveUmask() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // Even with umask 0 the socket must not be reachable by others.
    let previous = umask(0)
    defer { umask(previous) }
    let fd = try UnixSocket.listen(path: directory.appending("kith.sock"))
    defer { close(fd) }
    #expect(mode(of: directory.appending("kith.sock")) == 0o600)
  }

  @Test func existingOpenDirectoryIsTightened() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let parent = directory.appending("kith")
    #expect(mkdir(parent, 0o755) == 0)
    #expect(chmod(parent, 0o755) == 0)
    let fd = try UnixSocket.listen(path: parent + "/kith.sock")
    defer { close(fd) }
    #expect(mode(of: parent) == 0o700)
  }

  @Test func staleSocketIsReplaced() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("kith.sock")
    // A crashed instance leaves its socket file behind: listening fd closed, file kept.
    close(try UnixSocket.listen(path: path))
    #expect(mode(of: path) != nil)
    #expect(throws: SystemError.self) { try UnixSocket.connect(path: path) }
    let fd = try UnixSocket.listen(path: path)
    defer { close(fd) }
    let client = try UnixSocket.connect(path: path)
    close(client)
  }

  @Test func liveInstanceIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("kith.sock")
    let first = try UnixSocket.listen(path: path)
    defer { close(first) }
    do {
      let second = try UnixSocket.listen(path: path)
      close(second)
      Issue.record("a second listener was allowed on a live socket")
    } catch {
      #expect(error.errno == EADDRINUSE)
      #expect(error.description == "Failed to bind \(path): another instance is running at \(path)")
    }
    // The live socket still works.
    let client = try UnixSocket.connect(path: path)
    close(client)
  }

  @Test func regularFileIsNotDeleted() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("kith.sock")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
    #expect(throws: SystemError.self) { try UnixSocket.listen(path: path) }
    #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
  }

  @Test func tooLongPathIsRefused() throws {
    let path = "/tmp/" + String(repeating: "k", count: 120) + "/kith.sock"
    do {
      _ = try UnixSocket.listen(path: path)
      Issue.record("a path longer than sun_path was accepted")
    } catch {
      #expect(error.errno == ENAMETOOLONG)
      #expect(error.description.contains("at most 107"))
    }
    #expect(mode(of: "/tmp/" + String(repeating: "k", count: 120)) == nil)
    #expect(throws: SystemError.self) { try UnixSocket.connect(path: path) }
  }

  @Test func connectToMissingSocketDescribesTheError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("absent.sock")
    do {
      _ = try UnixSocket.connect(path: path)
      Issue.record("connect to a missing socket succeeded")
    } catch {
      #expect(error.errno == ENOENT)
      #expect(error.description == "Failed to connect to \(path): No such file or directory")
    }
  }

  @Test func peerCredentialsOfSameProcess() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.appending("kith.sock")
    let listener = try UnixSocket.listen(path: path)
    defer { close(listener) }
    let client = try UnixSocket.connect(path: path)
    defer { close(client) }
    #expect(fcntl(client, F_GETFL) & O_NONBLOCK == 0)
    var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
    #expect(poll(&descriptor, 1, 5000) == 1)
    let server = accept(listener, nil, nil)
    try #require(server >= 0)
    defer { close(server) }
    let peer = try UnixSocket.peerCredentials(fd: server)
    #expect(peer.pid == getpid())
    #expect(peer.uid == getuid())
    #expect(peer.gid == getgid())
    let other = try UnixSocket.peerCredentials(fd: client)
    #expect(other.pid == getpid())
  }

  @Test func peerCredentialsOfABadFDThrow() {
    #expect(throws: SystemError.self) { try UnixSocket.peerCredentials(fd: -1) }
  }

  @Test func notSocketActivated() {
    // The test runner is not started by systemd; LISTEN_PID would name another process.
    if ProcessInfo.processInfo.environment["LISTEN_FDS"] == nil {
      #expect(UnixSocket.activatedListener() == nil)
    }
  }

  @Test func errorDescription() {
    let error = SystemError(
      operation: "bind", path: "/run/user/1000/kith/kith.sock", errno: EADDRINUSE)
    #expect(
      error.description == "Failed to bind /run/user/1000/kith/kith.sock: Address already in use")
    #expect(
      SystemError(operation: "create timerfd", errno: EMFILE).description
        == "Failed to create timerfd: Too many open files")
  }
}
