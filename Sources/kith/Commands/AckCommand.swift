import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct AckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ack",
    abstract: "You reached out: complete what is due for a contact; the cadence restarts today.",
    discussion: "REF is a reminder id, a contact id, or an unambiguous part of a name.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Reminder id, contact id, or part of a name.")
  var ref: String

  @Option(help: "A note for the interaction this records.")
  var note: String?

  func run() throws {
    let client = try Client(global)
    let result = try client.call(.ack, AckArgs(ref: ref, note: note), as: ChangeResult.self)
    if output.json { return Output.json(result) }
    let what = result.reminders.map(Output.kindLabel).joined(separator: ", ")
    print("Done: \(result.contact) (\(what)).")
    printNext(result)
  }
}

/// "Next: keep in touch Fri 2027-01-29 09:00 (in 2 months)"
func printNext(_ result: ChangeResult) {
  for reminder in result.next {
    print(
      "Next: \(Output.kindLabel(reminder)) \(Output.when(reminder)) "
        + "(\(Output.relative(reminder, now: Date())))")
  }
}
