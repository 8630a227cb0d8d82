import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct SnoozeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snooze", abstract: "Not now: bring a reminder back later.",
    discussion: "WHEN: \(SnoozeError.acceptedForms).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Reminder id, contact id, or part of a name.")
  var ref: String

  @Argument(help: "3d, 2w, 4h, 30m, tomorrow, monday, 2026-12-01, \"2026-12-01 14:00\", 14:00")
  var when: [String]

  func run() throws {
    let client = try Client(global)
    let result = try client.call(
      .snooze, SnoozeArgs(ref: ref, when: when.joined(separator: " ")), as: ChangeResult.self)
    if output.json { return Output.json(result) }
    for reminder in result.reminders {
      print(
        "Snoozed \(result.contact) (\(Output.kindLabel(reminder))) until "
          + "\(Output.when(reminder)) (\(Output.relative(reminder, now: Date()))).")
    }
  }
}
