@preconcurrency import CSystemd
@preconcurrency import Dispatch
@preconcurrency import Glibc

/// Reports steps of the wall clock (NTP, `date -s`, resume from suspend) on a queue.
///
/// A CLOCK_REALTIME timerfd armed at the end of time with TFD_TIMER_CANCEL_ON_SET never
/// expires, but the kernel cancels it whenever the realtime clock is set; `read` then fails
/// with ECANCELED. Each step re-arms the timer and calls `onChange`, so the daemon can
/// recompute its wall-clock deadline.
public final class ClockChangeMonitor: @unchecked Sendable {
  // @unchecked: every stored property is immutable after init; DispatchSource is
  // thread-safe, and the fd is only read on `queue` and closed by the cancel handler.
  private let fd: Int32
  private let source: any DispatchSourceRead
  private let onChange: @Sendable () -> Void

  /// Starts monitoring; `onChange` runs on `queue` after each clock step.
  public init(queue: DispatchQueue, onChange: @escaping @Sendable () -> Void) throws(SystemError) {
    let fd = timerfd_create(CLOCK_REALTIME, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
    guard fd >= 0 else { throw .current("create timerfd") }
    self.fd = fd
    self.onChange = onChange
    self.source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
    do {
      try Self.arm(fd)
    } catch {
      close(fd)
      throw error
    }
    source.setEventHandler { [weak self] in self?.handleReadable() }
    source.setCancelHandler { close(fd) }
    source.activate()
  }

  deinit {
    source.cancel()
  }

  /// Stops monitoring and closes the timerfd; no `onChange` call starts after this returns
  /// when called on the monitor's queue.
  public func cancel() {
    source.cancel()
  }

  private func handleReadable() {
    guard !source.isCancelled else { return }
    var expirations: UInt64 = 0
    let result = read(fd, &expirations, MemoryLayout<UInt64>.size)
    if result < 0 {
      switch errno {
      case ECANCELED:
        // Re-arm first so a second step during onChange is not missed.
        try? Self.arm(fd)
        onChange()
      default:
        // EAGAIN: a spurious wake-up; anything else cannot be acted on.
        return
      }
    } else {
      // The end of time arrived: keep watching all the same.
      try? Self.arm(fd)
    }
  }

  /// Arms the timer at the largest representable instant so it never fires by itself.
  private static func arm(_ fd: Int32) throws(SystemError) {
    var spec = itimerspec()
    spec.it_value.tv_sec = Int.max
    spec.it_value.tv_nsec = 0
    let flags = Int32(TFD_TIMER_ABSTIME) | Int32(TFD_TIMER_CANCEL_ON_SET)
    guard timerfd_settime(fd, flags, &spec, nil) == 0 else {
      throw .current("arm timerfd")
    }
  }
}
