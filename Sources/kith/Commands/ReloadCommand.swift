import ArgumentParser
import KithCore
import KithProtocol

struct ReloadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reload",
    abstract: "Make kithd re-read its config; a bad config is refused and the old one kept.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let client = try Client(global, requireDaemon: true)
    let status = try client.call(.reload, NoArgs(), as: StatusResult.self)
    print("Reloaded \(status.config).")
  }
}
