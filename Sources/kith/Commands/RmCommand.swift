import ArgumentParser
import KithCore
import KithProtocol

struct RmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rm", abstract: "Remove a contact with its history.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Contact id, reminder id, or part of a name.")
  var ref: String

  func run() throws {
    let client = try Client(global)
    let removed = try client.call(.rm, RefArgs(ref: ref), as: Contact.self)
    if output.json { return Output.json(removed) }
    print("Removed \(removed.name) (\(removed.id)).")
  }
}
