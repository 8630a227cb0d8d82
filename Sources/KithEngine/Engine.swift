import Foundation
import KithConfig
import KithCore
import KithProtocol
import KithStore

/// Something a command did that the daemon tells the journal and its subscribers.
public struct EngineEvent: Sendable {
  public enum Kind: String, Sendable {
    case acked, snoozed
  }

  public var kind: Kind
  public var reminder: Reminder
  public var message: String
}

/// The answer to one request: the reply line, and what changed.
public struct EngineOutcome: Sendable {
  /// The JSON reply, one line.
  public var reply: String
  public var ok: Bool
  /// Whether stored state changed, so the daemon re-arms its timer.
  public var changed: Bool
  public var events: [EngineEvent]
}

/// The one command executor: the CLI runs it directly on the store, the daemon behind its
/// socket. Same code, same results.
///
/// Not thread-safe: one owner calls it from one thread or serial queue.
public final class Engine {
  public let store: Store
  public private(set) var config: Config
  var model: Model
  var changed = false
  var events: [EngineEvent] = []

  public init(store: Store, config: Config, now: Date) throws(StoreError) {
    self.store = store
    self.config = config
    self.model = try Model.load(store: store, planner: Planner(policy: config.policy), now: now)
  }

  public var calendar: LocalCalendar { model.planner.calendar }

  /// Applies a new configuration and recomputes every reminder.
  public func apply(_ config: Config, now: Date) {
    self.config = config
    model.planner = Planner(policy: config.policy)
    model.recomputeAll(now: now)
  }

  /// Recomputes every reminder, for after time passed (a timer fire, a clock step).
  public func recompute(now: Date) {
    model.recomputeAll(now: now)
  }

  /// Handles one request line and returns the reply line.
  public func handle(line: String, now: Date) -> EngineOutcome {
    let data = Data(line.utf8)
    let head: RequestHead
    do {
      head = try Wire.decoder().decode(RequestHead.self, from: data)
    } catch {
      return outcome(
        id: nil,
        .failure(ErrorBody(.badRequest, "Request is not a JSON object with \"op\": \(error)")))
    }
    guard let op = Op(rawValue: head.op) else {
      let known = Op.allCases.map(\.rawValue).joined(separator: ", ")
      return outcome(
        id: head.id, .failure(ErrorBody(.unknownOp, "Unknown op \"\(head.op)\"; known: \(known)")))
    }
    return outcome(id: head.id, perform(op, data: data, now: now))
  }

  private func perform(_ op: Op, data: Data, now: Date) -> Result<
    any Encodable & Sendable, ErrorBody
  > {
    changed = false
    events = []
    do {
      switch op {
      case .status: return .success(status(now: now, daemon: nil, configError: nil))
      case .list: return .success(try list(args(data), now: now))
      case .agenda: return .success(try agenda(args(data), now: now))
      case .show: return .success(try show(args(data), now: now))
      case .add: return .success(try add(args(data), now: now))
      case .edit: return .success(try edit(args(data), now: now))
      case .rm: return .success(try remove(args(data), now: now))
      case .log: return .success(try log(args(data), now: now))
      case .ack: return .success(try ack(args(data), now: now))
      case .snooze: return .success(try snooze(args(data), now: now))
      case .import: return .success(try importContacts(args(data), now: now))
      case .export: return .success(try export(args(data), now: now))
      case .hello, .reload, .subscribe:
        return .failure(ErrorBody(.invalid, "\"\(op.rawValue)\" needs the daemon"))
      }
    } catch {
      return .failure(error)
    }
  }

  private func args<T: Decodable>(_ data: Data) throws(ErrorBody) -> T {
    do {
      return try Wire.decoder().decode(ArgsEnvelope<T>.self, from: data).args
    } catch DecodingError.keyNotFound(let key, let context) {
      let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
      throw ErrorBody(.badRequest, "Missing argument \"\(path)\"")
    } catch DecodingError.typeMismatch(_, let context) {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw ErrorBody(.badRequest, "Argument \"\(path)\" has the wrong type")
    } catch {
      throw ErrorBody(.badRequest, "Cannot read the arguments: \(error)")
    }
  }

  private func outcome(id: Int?, _ result: Result<any Encodable & Sendable, ErrorBody>)
    -> EngineOutcome
  {
    switch result {
    case .success(let value):
      return EngineOutcome(
        reply: Wire.line(AnyReply(id: id, result: value)), ok: true, changed: changed,
        events: events)
    case .failure(let error):
      return EngineOutcome(
        reply: Wire.line(Reply<NoArgs>(id: id, error: error)), ok: false, changed: changed,
        events: events)
    }
  }

  func reminderJSON(_ reminder: Reminder, now: Date) -> ReminderJSON {
    ReminderJSON(reminder, calendar: calendar, now: now)
  }

  /// Runs a store write, mapping its failure to a reply error.
  func write<T>(_ body: (inout StoreWriter) throws -> T) throws(ErrorBody) -> T {
    do {
      let value = try store.write(body)
      changed = true
      return value
    } catch {
      throw ErrorBody(.store, error.description)
    }
  }

  func refresh(_ contactID: String, now: Date) throws(ErrorBody) {
    do {
      try model.refresh(contactID: contactID, store: store, now: now)
    } catch {
      throw ErrorBody(.store, error.description)
    }
  }
}

/// The `args` member of a request.
private struct ArgsEnvelope<T: Decodable>: Decodable {
  var args: T
}

/// A successful reply whose result type is known only at run time.
private struct AnyReply: Encodable {
  var id: Int?
  var result: any Encodable

  enum CodingKeys: String, CodingKey { case id, ok, result }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(true, forKey: .ok)
    try container.encode(result, forKey: .result)
  }
}
