import Foundation
import KithConfig
import KithDaemon
import KithSystem
import Logging

/// kithd [--config PATH] [--state-dir DIR] [--socket PATH]
let usage = """
  usage: kithd [--config PATH] [--state-dir DIR] [--socket PATH]

  The kith daemon: announces reminders on time in the journal and on its socket.
  Normally started by systemd (kith.service); runs in the foreground otherwise.
  """

var flags: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "-h", "--help":
    print(usage)
    exit(0)
  case "--config", "--state-dir", "--socket":
    guard let value = arguments.popFirst() else {
      FileHandle.standardError.write(Data("kithd: \(argument) needs a value\n\(usage)\n".utf8))
      exit(2)
    }
    flags[argument] = value
  default:
    FileHandle.standardError.write(Data("kithd: unknown argument \(argument)\n\(usage)\n".utf8))
    exit(2)
  }
}

LoggingSystem.bootstrap { label in makeLogHandler(label: label) }
let logger = Logger(label: "kithd")
let paths = Paths.resolve(
  config: flags["--config"], stateDirectory: flags["--state-dir"], socket: flags["--socket"])

do {
  let daemon = try Daemon(options: DaemonOptions(paths: paths), logger: logger)
  daemon.start()
  dispatchMain()
} catch {
  logger.critical("\(error.message)")
  if !Journal.isAvailable || ProcessInfo.processInfo.environment["JOURNAL_STREAM"] == nil {
    // Someone at a terminal should see why it did not start.
    FileHandle.standardError.write(Data("kithd: \(error.message)\n".utf8))
  }
  exit(error.exitCode)
}
