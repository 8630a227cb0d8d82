import ArgumentParser
import Foundation
import KithConfig
import KithCore
import KithEngine
import KithProtocol
import KithStore
import KithSystem

/// Runs requests through the daemon when it is up, and directly on the store otherwise.
struct Client {
  let paths: Paths
  private let transport: Transport

  private enum Transport {
    case daemon(LineClient)
    case direct(Engine)
  }

  /// Connects to kithd; without it, opens the store directly unless `requireDaemon`.
  init(_ options: GlobalOptions, requireDaemon: Bool = false) throws {
    paths = Paths.resolve(
      config: options.config, stateDirectory: options.stateDir, socket: options.socket)
    if let connection = try? LineClient(path: paths.socket) {
      transport = .daemon(connection)
      return
    }
    if requireDaemon {
      Output.error("kithd is not running (no daemon at \(paths.socket)); start it with `make run`")
      throw ExitCode(69)
    }
    let config: Config
    do {
      config = try Config.load(path: paths.config, explicit: paths.configIsExplicit)
    } catch {
      Output.error(error.description)
      throw ExitCode(78)
    }
    do {
      let store = try Store(path: paths.database)
      let engine = try Engine(store: store, config: config, now: Date())
      transport = .direct(engine)
      // The process ends with the command: freeing a model of 100,000 contacts one object at
      // a time would cost more than the command itself.
      _ = Unmanaged.passRetained(engine)
    } catch {
      Output.error(error.description)
      throw ExitCode.failure
    }
  }

  /// The daemon connection, for streams.
  var connection: LineClient? {
    if case .daemon(let connection) = transport { return connection }
    return nil
  }

  /// Sends one request and decodes its result; a refused request prints the error and exits.
  func call<Args: Codable & Sendable, Result: Codable & Sendable>(
    _ op: Op, _ args: Args, as _: Result.Type
  ) throws -> Result {
    let line = Wire.line(Request(id: 1, op: op.rawValue, args: args))
    let replyLine: String
    switch transport {
    case .daemon(let connection):
      do {
        replyLine = try connection.request(line, timeout: .seconds(30))
      } catch {
        Output.error("kithd at \(paths.socket) did not answer: \(error)")
        throw ExitCode(69)
      }
    case .direct(let engine):
      replyLine = engine.handle(line: line, now: Date()).reply
    }
    return try Self.decode(replyLine, as: Result.self)
  }

  static func decode<Result: Codable & Sendable>(_ line: String, as _: Result.Type) throws -> Result
  {
    guard let reply = try? Wire.decoder().decode(Reply<Result>.self, from: Data(line.utf8))
    else {
      Output.error("Unreadable reply: \(line.prefix(200))")
      throw ExitCode.failure
    }
    if let result = reply.result, reply.ok { return result }
    let error = reply.error ?? ErrorBody(.internal, "Request failed")
    Output.error(error.message)
    switch error.code {
    case .invalid, .badRequest: throw ExitCode.validationFailure
    case .config: throw ExitCode(78)
    default: throw ExitCode.failure
    }
  }
}
