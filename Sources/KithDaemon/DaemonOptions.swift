import Foundation
import KithConfig

/// How a daemon starts: its files and its clock, which tests replace.
public struct DaemonOptions: Sendable {
  public var paths: Paths
  /// The only place the daemon reads the time.
  public var clock: @Sendable () -> Date
  /// Watch /etc/localtime for time-zone changes.
  public var watchTimeZone: Bool

  public init(
    paths: Paths, clock: @escaping @Sendable () -> Date = { Date() }, watchTimeZone: Bool = true
  ) {
    self.paths = paths
    self.clock = clock
    self.watchTimeZone = watchTimeZone
  }
}
