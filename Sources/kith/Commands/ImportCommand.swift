import ArgumentParser
import Foundation
import KithCore
import KithProtocol

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import contacts from vCard, LinkedIn Connections.csv, CSV, or a kith JSON backup.",
    discussion: """
      People already present (same e-mail, LinkedIn URL, or name with nothing conflicting) are
      merged, never duplicated; importing a file twice changes nothing the second time. Bad
      records are reported with file and line and skipped; the rest lands in one transaction.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Files to import.")
  var files: [String]

  @Option(help: "vcard, linkedin, csv or json (default: detected).")
  var format: String?

  @Option(help: "Put every imported contact in this circle.")
  var circle: String?

  @Option(
    name: .customLong("category-circle"),
    help: "Map a vCard category to a circle: CAT=CIRCLE (repeatable).")
  var categoryCircles: [String] = []

  @Option(name: .customLong("map"), help: "CSV column for a field: field=Column (repeatable).")
  var mappings: [String] = []

  @Flag(help: "Show what would be added, merged and skipped; write nothing.")
  var dryRun = false

  func validate() throws {
    _ = try pairs(categoryCircles, "--category-circle", "CAT=CIRCLE")
    _ = try pairs(mappings, "--map", "field=Column")
  }

  func run() throws {
    let client = try Client(global)
    let paths = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    let args = ImportArgs(
      paths: paths, format: format, circle: circle, dryRun: dryRun,
      categoryCircles: try pairs(categoryCircles, "--category-circle", "CAT=CIRCLE"),
      map: try pairs(mappings, "--map", "field=Column"))
    let report = try client.call(.import, args, as: ImportReport.self)
    if output.json { return Output.json(report) }
    let verb = report.dryRun ? "Would add" : "Added"
    for entry in report.added { print("\(verb) \(entry.name) as \(entry.id) (\(place(entry)))") }
    for entry in report.merged {
      print(
        "\(report.dryRun ? "Would merge" : "Merged") \(place(entry)) into \(entry.id): \(entry.reason ?? "")"
      )
    }
    for entry in report.unchanged {
      print("Unchanged \(entry.id) (\(place(entry))): \(entry.reason ?? "")")
    }
    for problem in report.problems { Output.error("skipped \(problem)") }
    print(
      "\(report.added.count) added, \(report.merged.count) merged, \(report.unchanged.count) unchanged, "
        + "\(report.problems.count) skipped\(report.dryRun ? " (dry run: nothing written)" : "").")
  }

  private func place(_ entry: ImportReport.Entry) -> String {
    entry.line > 0 ? "\(entry.file):\(entry.line)" : entry.file
  }

  private func pairs(_ values: [String], _ flag: String, _ shape: String) throws -> [String: String]
  {
    var result: [String: String] = [:]
    for value in values {
      guard let equals = value.firstIndex(of: "="), equals != value.startIndex,
        value.index(after: equals) != value.endIndex
      else { throw ValidationError("\(flag) \"\(value)\": use \(shape)") }
      result[String(value[..<equals])] = String(value[value.index(after: equals)...])
    }
    return result
  }
}
