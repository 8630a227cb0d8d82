import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export contacts: iCalendar (ics), vCard 4.0, CSV, or a full JSON backup.")

  @OptionGroup var global: GlobalOptions

  @Option(help: "ics, vcard, csv or json.")
  var format: String = "json"

  @Option(help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    guard ["ics", "vcard", "csv", "json"].contains(format) else {
      throw ValidationError("--format \(format): accepted: ics, vcard, csv, json")
    }
  }

  func run() throws {
    let client = try Client(global)
    let result = try client.call(.export, ExportArgs(format: format), as: ExportResult.self)
    guard let output else {
      FileHandle.standardOutput.write(Data(result.text.utf8))
      return
    }
    do {
      try result.text.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
      Output.error("Failed to write \(output): \(error.localizedDescription)")
      throw ExitCode.failure
    }
  }
}
