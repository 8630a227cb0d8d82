import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show a contact, its reminders and its history.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Contact id, reminder id, or part of a name.")
  var ref: String

  func run() throws {
    let client = try Client(global)
    let detail = try client.call(.show, RefArgs(ref: ref), as: ContactDetail.self)
    if output.json { return Output.json(detail) }
    let contact = detail.contact
    var rows: [[String]] = [["id", contact.id]]
    if !contact.circles.isEmpty {
      rows.append(["circles", contact.circles.joined(separator: ", ")])
    }
    if let every = contact.every { rows.append(["cadence", every.description]) }
    if let birthday = contact.birthday { rows.append(["birthday", birthday.description]) }
    for date in contact.dates { rows.append([date.label, date.date.description]) }
    for email in contact.emails { rows.append(["email", email]) }
    for phone in contact.phones { rows.append(["phone", phone]) }
    if let linkedIn = contact.linkedIn { rows.append(["linkedin", linkedIn]) }
    for url in contact.urls { rows.append(["url", url]) }
    if let company = contact.company { rows.append(["company", company]) }
    if let position = contact.position { rows.append(["position", position]) }
    if let met = contact.metOn { rows.append(["met", met.description]) }
    if !contact.tags.isEmpty { rows.append(["tags", contact.tags.joined(separator: ", ")]) }
    if let notes = contact.notes { rows.append(["notes", notes]) }
    print(Output.paint(contact.name, "1"))
    Output.table(rows)
    print("")
    Output.reminders(detail.reminders, now: Date(), empty: "No reminders.")
    guard !detail.interactions.isEmpty else { return }
    print("")
    Output.table(
      detail.interactions.prefix(20).map { [$0.date.description, $0.kind, $0.note ?? ""] },
      header: ["DATE", "KIND", "NOTE"])
  }
}
