import ArgumentParser
import Foundation

/// `kith`: keep your professional network warm. Alone, it lists what is due.
@main
struct Kith: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kith",
    abstract: "Keep in touch with the people who matter: what is due, ack, snooze, log.",
    discussion: """
      Runs each command through kithd when it is up, directly on the state file otherwise.
      Exit codes: 0 ok, 1 failure, 2 usage, 69 daemon unreachable when required, 78 config error.
      """,
    subcommands: [
      ListCommand.self, AgendaCommand.self, StatusCommand.self, AckCommand.self,
      SnoozeCommand.self, LogCommand.self, AddCommand.self, EditCommand.self, RmCommand.self,
      ShowCommand.self, ImportCommand.self, ExportCommand.self, WatchCommand.self,
      ReloadCommand.self, ConfigCommand.self,
    ])

  @OptionGroup var global: GlobalOptions

  /// `kith` alone is `kith list --due`, with any global options passed along.
  func run() throws {
    let list = try ListCommand.parse(["--due"] + CommandLine.arguments.dropFirst())
    try list.run()
  }

  /// Parses and runs like ArgumentParser's `main()`, but usage errors exit 2, as DESIGN.md
  /// pins, instead of sysexits' 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == .success {
          print(message)
        } else {
          FileHandle.standardError.write(Data((message + "\n").utf8))
        }
      }
      Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
    }
  }
}
