import Foundation
import KithConfig
import KithCore
import KithEngine
import KithProtocol
import KithStore
import KithSystem
import Logging

/// Why the daemon could not start, with the exit code it maps to.
public struct DaemonStartError: Error, CustomStringConvertible {
  public var message: String
  /// 78 (EX_CONFIG) for a bad config, 1 otherwise.
  public var exitCode: Int32

  public var description: String { message }
}

/// kithd: one serial queue owns the engine, the socket server and the one timer.
///
/// Start-up follows DESIGN.md §6: config, store, socket, signal sources registered, schedule,
/// catch-up, then READY=1. Everything after runs on `queue`; nothing polls.
public final class Daemon: @unchecked Sendable {
  let options: DaemonOptions
  let queue = DispatchQueue(label: "kithd")
  let logger: Logger
  let announcer: Announcer
  let engine: Engine
  let started: Date
  private let listener: Int32
  private let ownsSocketFile: Bool
  var server: LineServer?
  private var timer: (any DispatchSourceTimer)?
  private var signalSources: [any DispatchSourceSignal] = []
  private var watchdog: (any DispatchSourceTimer)?
  private var clockMonitor: ClockChangeMonitor?
  private var zoneMonitor: TimeZoneMonitor?
  /// Why the last reload was refused; the previous config keeps running.
  var configError: String?
  private(set) var nextWake: Date?
  /// The reminders the timer is armed for.
  private var pending: [Reminder] = []
  private var stopping = false
  private var statusUpdatePending = false

  /// Loads the config, opens the store and takes the socket.
  public init(options: DaemonOptions, logger: Logger) throws(DaemonStartError) {
    self.options = options
    self.logger = logger
    self.announcer = Announcer(logger: logger)
    let paths = options.paths
    let config: Config
    do {
      config = try Config.load(path: paths.config, explicit: paths.configIsExplicit)
    } catch {
      throw DaemonStartError(message: error.description, exitCode: 78)
    }
    do {
      let store = try Store(path: paths.database)
      started = options.clock()
      engine = try Engine(store: store, config: config, now: started)
    } catch {
      throw DaemonStartError(message: error.description, exitCode: 1)
    }
    if let activated = UnixSocket.activatedListener() {
      listener = activated
      ownsSocketFile = false
    } else {
      do {
        listener = try UnixSocket.listen(path: paths.socket)
      } catch {
        throw DaemonStartError(message: error.description, exitCode: 1)
      }
      ownsSocketFile = true
    }
  }

  /// Registers signals and monitors, catches up, arms the timer, serves, and says READY=1.
  /// Returns once running; the caller parks the main thread in `dispatchMain()`.
  public func start() {
    registerSignals()
    queue.sync {
      startMonitors()
      let server = LineServer(listeningFD: listener, queue: queue)
      server.onLine = { [weak self] connection, line in self?.handle(line, from: connection) }
      self.server = server
      // The engine computed every reminder as it loaded; the catch-up needs no second pass.
      fire(recompute: false)
      server.start()
      startWatchdog()
      let summary = engine.summary(now: options.clock())
      _ = Notify.ready(status: summary)
      logger.info(
        "Ready: \(summary); config \(engine.config.path ?? "built-in default"), socket \(options.paths.socket)"
      )
    }
  }

  // MARK: - The timer

  /// Announces everything due, in due order, then re-arms for the next instant.
  ///
  /// After time has passed (`recompute`), every contact is recomputed, since a newer yearly
  /// occurrence may have become current; that cost comes after the announcements so they stay
  /// on time. A state change has already refreshed its own contact and skips it.
  func fire(recompute: Bool = true) {
    let now = options.clock()
    // What the timer was armed for goes out first, before any scan of every reminder.
    announce(pending.filter { _ in nextWake.map { $0 <= now } ?? false }, at: now)
    pending = []
    announce(engine.dueAnnouncements(now: now), at: now)
    if recompute {
      engine.recompute(now: now)
      announce(engine.dueAnnouncements(now: now), at: now)
    }
    arm()
  }

  private func announce(_ reminders: [Reminder], at now: Date) {
    guard !reminders.isEmpty else { return }
    for reminder in reminders {
      let message = Announcer.message(
        for: reminder, lastContact: engine.lastContactDescription(reminder.contactID),
        calendar: engine.calendar)
      announcer.announce(reminder, message: message, calendar: engine.calendar)
      publish(
        Event(
          event: "due", reminder: ReminderJSON(reminder, calendar: engine.calendar, now: now),
          message: message))
    }
    do {
      try engine.recordAnnounced(reminders, at: now)
    } catch {
      logger.error("Failed to record announcements: \(error)")
    }
  }

  /// Arms the one wall-clock timer for the earliest instant anything needs announcing.
  func arm() {
    let wake = engine.nextWake()
    nextWake = wake?.at
    pending = wake?.reminders ?? []
    if timer == nil {
      let timer = DispatchSource.makeTimerSource(queue: queue)
      timer.setEventHandler { [weak self] in self?.fire() }
      timer.resume()
      self.timer = timer
    }
    guard let nextWake else {
      timer?.schedule(wallDeadline: .distantFuture)
      return
    }
    let seconds = max(nextWake.timeIntervalSince1970, 0)
    let whole = seconds.rounded(.down)
    let wall = DispatchWallTime(
      timespec: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9)))
    timer?.schedule(wallDeadline: wall)
  }

  /// Updates STATUS= within a second, once however many changes come in between: computing
  /// it walks every reminder, which a burst of requests should not pay for each time.
  func scheduleStatusUpdate() {
    guard !statusUpdatePending else { return }
    statusUpdatePending = true
    queue.asyncAfter(deadline: .now() + 1) { [weak self] in
      self?.statusUpdatePending = false
      self?.updateStatus()
    }
  }

  func updateStatus() {
    var text = engine.summary(now: options.clock())
    if let configError {
      text += "; config rejected: \(configError.split(separator: "\n").first ?? "")"
    }
    _ = Notify.status(text)
  }

  // MARK: - Signals, clock and zone

  private func registerSignals() {
    let group = DispatchGroup()
    for number in [SIGTERM, SIGINT, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in
        if number == SIGHUP { self?.reload() } else { self?.stop() }
      }
      group.enter()
      source.setRegistrationHandler { group.leave() }
      source.resume()
      signalSources.append(source)
    }
    signal(SIGPIPE, SIG_IGN)
    // READY=1 must not precede the handlers: an early SIGTERM would be lost.
    group.wait()
  }

  private func startMonitors() {
    do {
      clockMonitor = try ClockChangeMonitor(queue: queue) { [weak self] in
        self?.logger.info("Wall clock stepped; re-arming")
        self?.fire()
      }
    } catch {
      logger.warning("Cannot watch for clock steps: \(error), ignoring")
    }
    guard options.watchTimeZone else { return }
    do {
      zoneMonitor = try TimeZoneMonitor(queue: queue) { [weak self] in
        self?.timeZoneChanged()
      }
    } catch {
      logger.warning("Cannot watch /etc/localtime: \(error), ignoring")
    }
  }

  private func timeZoneChanged() {
    guard engine.config.timeZoneName == nil else { return }
    var config = engine.config
    config.policy.timeZone = TimeZone.current
    logger.info("System time zone is now \(TimeZone.current.identifier); re-arming")
    engine.apply(config, now: options.clock())
    fire()
    updateStatus()
  }

  private func startWatchdog() {
    guard let interval = Notify.watchdogInterval else { return }
    let watchdog = DispatchSource.makeTimerSource(queue: queue)
    let half = interval / 2
    watchdog.schedule(deadline: .now() + half.timeInterval, repeating: half.timeInterval)
    watchdog.setEventHandler { _ = Notify.watchdog() }
    watchdog.resume()
    self.watchdog = watchdog
  }

  // MARK: - Reload and stop

  /// Re-reads the config; a bad one is logged and shown, and the old one keeps running.
  @discardableResult
  func reload() -> String? {
    _ = Notify.reloading()
    let paths = options.paths
    defer { _ = Notify.ready(status: nil) }
    do {
      let config = try Config.load(path: paths.config, explicit: paths.configIsExplicit)
      configError = nil
      engine.apply(config, now: options.clock())
      logger.info("Reloaded \(config.path ?? "built-in default")")
      fire()
      updateStatus()
      return nil
    } catch {
      configError = error.description
      announcer.configRejected(error.description, path: paths.config)
      updateStatus()
      return error.description
    }
  }

  /// Stops accepting, lets the current request finish (it runs on this queue), and exits 0.
  func stop() {
    guard !stopping else { return }
    stopping = true
    _ = Notify.stopping()
    logger.info("Stopping")
    server?.stop()
    server?.closeAll()
    timer?.cancel()
    watchdog?.cancel()
    clockMonitor?.cancel()
    zoneMonitor?.cancel()
    if ownsSocketFile { unlink(options.paths.socket) }
    exit(0)
  }
}

extension Duration {
  fileprivate var timeInterval: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
