@preconcurrency import CSystemd
@preconcurrency import Dispatch
@preconcurrency import Foundation
@preconcurrency import Glibc

/// Reports changes of the system time zone (/etc/localtime) on a queue.
///
/// The directory is watched rather than the file: timedatectl replaces the localtime symlink
/// with a rename (IN_MOVED_TO), `ln -sf` unlinks and recreates it (IN_CREATE), and a copied
/// zone file is rewritten in place (IN_CLOSE_WRITE). A watch on the file itself would die
/// with the first replacement. On a change the C library and Foundation forget their cached
/// zone (`tzset`, `NSTimeZone.resetSystemTimeZone`) before `onChange` runs.
public final class TimeZoneMonitor: @unchecked Sendable {
  // @unchecked: stored properties are immutable; the fd is read only on `queue` and closed by
  // the source's cancel handler.
  private let fd: Int32
  private let source: any DispatchSourceRead
  private let entryName: String
  private let onChange: @Sendable () -> Void

  /// Starts watching `directory` for the entry `entryName`; `onChange` runs on `queue`.
  public init(
    directory: String = "/etc", entryName: String = "localtime", queue: DispatchQueue,
    onChange: @escaping @Sendable () -> Void
  ) throws(SystemError) {
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { throw .current("create inotify instance") }
    let mask = UInt32(IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM)
    guard inotify_add_watch(fd, directory, mask) >= 0 else {
      let error = SystemError.current("watch", path: directory)
      close(fd)
      throw error
    }
    self.fd = fd
    self.entryName = entryName
    self.onChange = onChange
    self.source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
    source.setEventHandler { [weak self] in self?.handleReadable() }
    source.setCancelHandler { close(fd) }
    source.activate()
  }

  deinit {
    source.cancel()
  }

  /// Stops watching and closes the inotify descriptor.
  public func cancel() {
    source.cancel()
  }

  private func handleReadable() {
    guard !source.isCancelled else { return }
    var changed = false
    // Drain everything queued so a burst of events (unlink + create) causes one callback.
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        break
      }
      if count == 0 { break }
      if Self.events(in: buffer[..<count], name: entryName) { changed = true }
    }
    guard changed else { return }
    tzset()
    NSTimeZone.resetSystemTimeZone()
    onChange()
  }

  /// Whether a read of inotify events mentions `name`, or overflowed (then assume it did).
  static func events(in bytes: ArraySlice<UInt8>, name: String) -> Bool {
    let headerSize = MemoryLayout<inotify_event>.size
    let wanted = Array(name.utf8)
    var offset = bytes.startIndex
    while offset + headerSize <= bytes.endIndex {
      let event = bytes[offset..<offset + headerSize].withUnsafeBytes {
        $0.loadUnaligned(as: inotify_event.self)
      }
      if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
      let nameStart = offset + headerSize
      let nameEnd = min(nameStart + Int(event.len), bytes.endIndex)
      // The name is NUL-padded to an alignment boundary.
      let entry = bytes[nameStart..<nameEnd].prefix { $0 != 0 }
      if entry.elementsEqual(wanted) { return true }
      offset = nameEnd
    }
    return false
  }
}
