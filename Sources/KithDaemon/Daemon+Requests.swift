import Foundation
import KithConfig
import KithCore
import KithEngine
import KithProtocol
import KithSystem

extension Daemon {
  /// Answers one request line; state changes re-arm the timer and reach subscribers.
  func handle(_ line: String, from connection: LineConnection) {
    let now = options.clock()
    let head = try? Wire.decoder().decode(RequestHead.self, from: Data(line.utf8))
    switch head.flatMap({ Op(rawValue: $0.op) }) {
    case .hello:
      connection.send(
        Wire.line(
          Reply(
            id: head?.id,
            result: HelloResult(
              version: Wire.version, server: "kithd", pid: ProcessInfo.processInfo.processIdentifier
            ))))
    case .status:
      connection.send(Wire.line(Reply(id: head?.id, result: status(now: now))))
    case .reload:
      if let error = reload() {
        connection.send(
          Wire.line(
            Reply<NoArgs>(
              id: head?.id,
              error: ErrorBody(.config, "Config rejected, previous one kept:\n\(error)"))))
      } else {
        connection.send(Wire.line(Reply(id: head?.id, result: status(now: now))))
      }
    case .subscribe:
      connection.isSubscriber = true
      connection.send(Wire.line(Reply(id: head?.id, result: NoArgs())))
    default:
      let outcome = engine.handle(line: line, now: now)
      connection.send(outcome.reply)
      for event in outcome.events {
        announcer.event(event, calendar: engine.calendar)
        publish(
          Event(
            event: event.kind.rawValue,
            reminder: ReminderJSON(event.reminder, calendar: engine.calendar, now: now),
            message: event.message))
      }
      if outcome.changed {
        // A snooze can end a moment from now, an add can be due at once: fire re-arms.
        fire(recompute: false)
        scheduleStatusUpdate()
      }
    }
  }

  func status(now: Date) -> StatusResult {
    engine.status(
      now: now,
      daemon: StatusResult.Daemon(
        pid: ProcessInfo.processInfo.processIdentifier, since: started,
        socket: options.paths.socket,
        nextWake: nextWake.map { engine.calendar.iso8601($0) }),
      configError: configError)
  }

  /// Sends an event to every subscriber.
  func publish(_ event: Event) {
    let line = Wire.line(event)
    for connection in server?.activeConnections ?? [] where connection.isSubscriber {
      connection.send(line)
    }
  }
}
