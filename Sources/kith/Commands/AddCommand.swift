import ArgumentParser
import KithCore
import KithProtocol

struct AddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add a contact.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Full name.")
  var name: String

  @Option(help: "Contact id (default: made from the name, e.g. ada-lovelace).")
  var id: String?

  @OptionGroup var contact: ContactOptions

  func run() throws {
    let client = try Client(global)
    var fields = contact.fields(name: name)
    fields.circles = contact.circles
    let added = try client.call(.add, AddArgs(id: id, fields: fields), as: Contact.self)
    if output.json { return Output.json(added) }
    print("Added \(added.name) as \(added.id).")
  }
}
