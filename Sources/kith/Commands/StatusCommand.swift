import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show the daemon, the config and how each circle is doing.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let client = try Client(global)
    let status = try client.call(.status, NoArgs(), as: StatusResult.self)
    if output.json { return Output.json(status) }
    if let daemon = status.daemon {
      print("kithd:    running (pid \(daemon.pid)) on \(daemon.socket)")
    } else {
      print("kithd:    not running; answered from the state file")
    }
    print("config:   \(status.config)")
    if let error = status.configError {
      print(Output.paint("          rejected on reload, old config still in use:", "31"))
      for line in error.split(separator: "\n") { print("          \(line)") }
    }
    print("state:    \(status.state)")
    print("zone:     \(status.timezone)")
    print("contacts: \(status.contacts), \(status.due) due, \(status.overdue) overdue")
    if let next = status.next {
      print(
        "next:     \(next.contact) (\(Output.kindLabel(next))) \(Output.relative(next, now: Date()))"
      )
    }
    print("")
    Output.table(
      status.circles.map {
        [
          $0.name, $0.every ?? "", String($0.contacts), String($0.onTrack), String($0.due),
          String($0.overdue),
        ]
      }, header: ["CIRCLE", "CADENCE", "CONTACTS", "ON TRACK", "DUE", "OVERDUE"])
  }
}
