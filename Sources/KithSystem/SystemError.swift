@preconcurrency import Glibc

/// A failed system call, with the operation, the path or object involved, and errno.
///
/// The description reads like "Failed to bind /run/user/1000/kith/kith.sock: Address already in
/// use" so the daemon can print it as is.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was attempted, as a verb phrase ("bind", "create timerfd", "send journal entry").
  public var operation: String
  /// The file system path or other object the operation was about, if any.
  public var path: String?
  /// The errno value the call reported.
  public var errno: Int32
  /// A human explanation that replaces strerror in the description when the errno alone
  /// would mislead (e.g. "another instance is running at …").
  public var detail: String?

  /// Creates an error from its parts.
  public init(operation: String, path: String? = nil, errno: Int32, detail: String? = nil) {
    self.operation = operation
    self.path = path
    self.errno = errno
    self.detail = detail
  }

  /// Captures the calling thread's current errno for `operation`.
  public static func current(_ operation: String, path: String? = nil) -> SystemError {
    SystemError(operation: operation, path: path, errno: Glibc.errno)
  }

  /// The strerror text for `errno`.
  public var errnoDescription: String {
    String(cString: strerror(errno))
  }

  public var description: String {
    let subject = path.map { "\(operation) \($0)" } ?? operation
    return "Failed to \(subject): \(detail ?? errnoDescription)"
  }
}
