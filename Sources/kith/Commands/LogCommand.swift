import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log", abstract: "Record that you were in touch; the cadence restarts from then.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Reminder id, contact id, or part of a name.")
  var ref: String

  @Option(help: "When it happened, YYYY-MM-DD (default: today; never in the future).")
  var on: String?

  @Option(help: "What it was: call, coffee, email… (default: talk).")
  var kind: String?

  @Option(help: "A note.")
  var note: String?

  func run() throws {
    let client = try Client(global)
    let result = try client.call(
      .log, LogArgs(ref: ref, on: on, note: note, kind: kind), as: ChangeResult.self)
    if output.json { return Output.json(result) }
    if let interaction = result.interaction {
      print("Logged \(interaction.kind) with \(result.contact) on \(interaction.date).")
    }
    printNext(result)
  }
}
