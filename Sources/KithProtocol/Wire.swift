import Foundation

/// JSON coding shared by the daemon, the CLI and `--json` output: ISO 8601 instants,
/// keys sorted so output is the same on every run.
public enum Wire {
  /// Version announced in `hello`; raised when a reply shape changes incompatibly.
  public static let version = 1

  public static func encoder(pretty: Bool = false) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }

  /// One JSON line for the socket: no newline inside.
  public static func line(_ value: some Encodable) -> String {
    // Encoding these plain types cannot fail.
    String(decoding: try! encoder().encode(value), as: UTF8.self)
  }
}

/// `{"id":1,"op":"ack","args":{...}}`
public struct Request<Args: Codable & Sendable>: Codable, Sendable {
  public var id: Int?
  public var op: String
  public var args: Args

  public init(id: Int?, op: String, args: Args) {
    self.id = id
    self.op = op
    self.args = args
  }
}

/// The id and op of a request, read before its arguments.
public struct RequestHead: Decodable, Sendable {
  public var id: Int?
  public var op: String
}

/// Requests whose op takes no arguments.
public struct NoArgs: Codable, Sendable {
  public init() {}
}

/// What went wrong, for a client: a stable code and a message for people.
public struct ErrorBody: Codable, Error, Sendable, Equatable, CustomStringConvertible {
  public var code: Code
  public var message: String

  public enum Code: String, Codable, Sendable {
    case badRequest = "bad_request"
    case unknownOp = "unknown_op"
    case invalid
    case notFound = "not_found"
    case ambiguous
    case conflict
    case config
    case store
    case lineTooLong = "line_too_long"
    case forbidden
    case busy
    case `internal`
  }

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}

/// `{"id":1,"ok":true,"result":...}` or `{"id":1,"ok":false,"error":{...}}`.
public struct Reply<Result: Codable & Sendable>: Codable, Sendable {
  public var id: Int?
  public var ok: Bool
  public var result: Result?
  public var error: ErrorBody?

  public init(id: Int?, result: Result) {
    self.id = id
    self.ok = true
    self.result = result
    self.error = nil
  }

  public init(id: Int?, error: ErrorBody) {
    self.id = id
    self.ok = false
    self.result = nil
    self.error = error
  }
}

/// An event pushed to subscribers: `{"event":"due","reminder":{...}}`.
public struct Event: Codable, Sendable {
  public var event: String
  public var reminder: ReminderJSON?
  public var message: String?

  public init(event: String, reminder: ReminderJSON?, message: String? = nil) {
    self.event = event
    self.reminder = reminder
    self.message = message
  }
}
