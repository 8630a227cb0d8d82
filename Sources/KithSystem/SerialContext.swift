@preconcurrency import Dispatch

/// A serial queue plus a way to tell whether the current code already runs on it, so public
/// methods can act at once there and hop onto it from elsewhere.
struct SerialContext: Sendable {
  let queue: DispatchQueue
  private let key: DispatchSpecificKey<Token>
  private let token: Token

  private final class Token: Sendable {}

  init(queue: DispatchQueue) {
    self.queue = queue
    // A fresh key per context: several servers may share one queue without interfering.
    let key = DispatchSpecificKey<Token>()
    let token = Token()
    queue.setSpecific(key: key, value: token)
    self.key = key
    self.token = token
  }

  var isCurrent: Bool {
    DispatchQueue.getSpecific(key: key) === token
  }

  /// Runs `body` now when on the queue, otherwise asynchronously on it.
  func perform(_ body: @escaping @Sendable () -> Void) {
    if isCurrent { body() } else { queue.async(execute: body) }
  }

  /// Runs `body` now when on the queue, otherwise synchronously on it.
  func performAndWait<T>(_ body: () -> T) -> T {
    isCurrent ? body() : queue.sync(execute: body)
  }
}

extension Duration {
  /// The duration for Dispatch, clamped to what `DispatchTimeInterval` can hold.
  var dispatchInterval: DispatchTimeInterval {
    let (seconds, attoseconds) = components
    let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if nanoseconds.overflow || seconds < 0 { return seconds < 0 ? .nanoseconds(0) : .never }
    let total = nanoseconds.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000)
    return total.overflow ? .never : .nanoseconds(Int(total.partialValue))
  }
}
