import ArgumentParser
import KithCore
import KithProtocol

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit", abstract: "Change a contact; options not given stay as they are.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Contact id, reminder id, or part of a name.")
  var ref: String

  @Option(help: "New name.")
  var name: String?

  @OptionGroup var contact: ContactOptions

  @Option(name: .customLong("remove-circle"), help: "Leave a circle (repeatable).")
  var removeCircles: [String] = []

  @Option(name: .customLong("remove-date"), help: "Remove a yearly date by label (repeatable).")
  var removeDates: [String] = []

  func run() throws {
    let client = try Client(global)
    var fields = contact.fields(name: name)
    fields.addCircles = contact.circles.isEmpty ? nil : contact.circles
    fields.removeCircles = removeCircles.isEmpty ? nil : removeCircles
    fields.removeDates = removeDates.isEmpty ? nil : removeDates
    let edited = try client.call(.edit, EditArgs(ref: ref, fields: fields), as: Contact.self)
    if output.json { return Output.json(edited) }
    print("Updated \(edited.name) (\(edited.id)).")
  }
}
