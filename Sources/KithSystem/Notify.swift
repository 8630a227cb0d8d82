@preconcurrency import CSystemd
@preconcurrency import Glibc

/// The service manager's notification protocol (`sd_notify`) and watchdog settings.
///
/// Every call passes unset_environment = 0: NOTIFY_SOCKET must survive the first message so
/// later WATCHDOG=1 pings and STATUS= updates still reach systemd.
public enum Notify {
  /// Sends newline-separated assignments such as "READY=1\nSTATUS=…".
  ///
  /// - Returns: true when the message was delivered, false when NOTIFY_SOCKET is unset (not
  ///   run by systemd) or sending failed; callers carry on either way.
  @discardableResult
  public static func send(_ state: String) -> Bool {
    sd_notify(0, state) > 0
  }

  /// The watchdog interval systemd expects pings within, or nil when the watchdog is off.
  ///
  /// Ping at half of it.
  public static var watchdogInterval: Duration? {
    var microseconds: UInt64 = 0
    guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
    return .microseconds(Int64(clamping: microseconds))
  }

  /// Start-up is complete; with an optional STATUS= line in the same datagram.
  @discardableResult
  public static func ready(status: String? = nil) -> Bool {
    send(status.map { "READY=1\nSTATUS=\(oneLine($0))" } ?? "READY=1")
  }

  /// A free-form status line shown by `systemctl status`.
  @discardableResult
  public static func status(_ text: String) -> Bool {
    send("STATUS=\(oneLine(text))")
  }

  /// A configuration reload began; send ``ready(status:)`` when it is done.
  @discardableResult
  public static func reloading() -> Bool {
    send("RELOADING=1")
  }

  /// Shutdown began.
  @discardableResult
  public static func stopping() -> Bool {
    send("STOPPING=1")
  }

  /// A watchdog keep-alive ping.
  @discardableResult
  public static func watchdog() -> Bool {
    send("WATCHDOG=1")
  }

  /// A newline would start a new assignment, so status text is kept on one line.
  private static func oneLine(_ text: String) -> String {
    text.replacingNewlines()
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(self.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
  }
}
