import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct AgendaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agenda",
    abstract: "Show birthdays, yearly dates and keep-in-touch reminders coming up.",
    discussion: "Works without the daemon, from the config and the state file alone.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Option(help: "First day, YYYY-MM-DD (default: today).")
  var from: String?

  @Option(help: "Last day, YYYY-MM-DD, inclusive.")
  var until: String?

  @Option(help: "Number of days (default: 14).")
  var days: Int?

  func validate() throws {
    if until != nil, days != nil {
      throw ValidationError("Give either --until or --days, not both.")
    }
  }

  func run() throws {
    let client = try Client(global)
    let reminders = try client.call(
      .agenda, AgendaArgs(from: from, until: until, days: days), as: [ReminderJSON].self)
    if output.json { return Output.json(reminders) }
    guard !reminders.isEmpty else { return print("Nothing in this period.") }
    var day = ""
    for reminder in reminders {
      let date = String(reminder.due.prefix(10))
      if date != day {
        if !day.isEmpty { print("") }
        day = date
        print(Output.paint(String(Output.when(reminder).dropLast(6)), "1"))
      }
      let time = String(reminder.due.dropFirst(11).prefix(5))
      let circle = reminder.circle.map { " (\($0))" } ?? ""
      print(
        "  \(time)  \(reminder.id)  \(reminder.contact): \(Output.kindLabel(reminder))\(circle)")
    }
  }
}
