import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List each contact's current reminders, soonest first.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Flag(help: "Only what is due now.")
  var due = false

  @Option(help: "Only contacts in this circle.")
  var circle: String?

  func run() throws {
    let client = try Client(global)
    let reminders = try client.call(
      .list, ListArgs(due: due, circle: circle), as: [ReminderJSON].self)
    if output.json { return Output.json(reminders) }
    Output.reminders(reminders, now: Date(), empty: due ? "Nothing due." : "No reminders.")
  }
}
