/// Reads LinkedIn's `Connections.csv` data export.
enum LinkedInReader {
  /// Index of the header row, found after LinkedIn's "Notes:" preamble; nil if there is none.
  static func headerIndex(in table: CSVTable) -> Int? {
    for (index, row) in table.rows.prefix(20).enumerated() {
      let names = Set(row.fields.map { $0.trimmingWhitespace().lowercased() })
      if names.contains("first name") && names.contains("last name")
        && names.contains("connected on")
        && (names.contains("url") || names.contains("email address"))
      {
        return index
      }
    }
    return nil
  }

  static func read(_ table: CSVTable, headerIndex: Int?, path: String) throws(ImportError)
    -> ImportResult
  {
    guard let headerIndex else { throw .unrecognised(path: path) }
    let header = table.rows[headerIndex].fields.map { $0.trimmingWhitespace().lowercased() }
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    let first = column("first name")
    let last = column("last name")
    let url = column("url")
    let email = column("email address")
    let company = column("company")
    let position = column("position")
    let connected = column("connected on")

    var contacts: [ImportedContact] = []
    var problems: [ImportProblem] = []
    for row in table.rows[(headerIndex + 1)...] where !row.isBlank {
      func value(_ index: Int?) -> String {
        guard let index, index < row.fields.count else { return "" }
        return row.fields[index].trimmingWhitespace()
      }
      let name = [value(first), value(last)].filter { !$0.isEmpty }.joined(separator: " ")
      guard !name.isEmpty else {
        problems.append(
          ImportProblem(
            file: path, line: row.line,
            message: "no name: row has no First Name or Last Name; skipped"
          ))
        continue
      }
      var contact = ImportedContact(name: name, line: row.line)
      contact.addURL(value(url))
      if !value(email).isEmpty { contact.emails = [value(email)] }
      contact.company = value(company).isEmpty ? nil : value(company)
      contact.position = value(position).isEmpty ? nil : value(position)
      let connectedOn = value(connected)
      switch DateText.parse(connectedOn) {
      case .date(let month, let day, let year?):
        contact.metOn = YearlyDate(label: "met", month: month, day: day, year: year).isoText
      case .empty:
        break
      default:
        problems.append(
          ImportProblem(
            file: path, line: row.line,
            message: "Connected On \"\(connectedOn)\" is not a date; left out"))
      }
      contacts.append(contact)
    }
    if let open = table.unterminatedQuoteLine {
      problems.append(CSVContactReader.unterminatedProblem(path: path, line: open))
    }
    return ImportResult(format: .linkedin, contacts: contacts, problems: problems)
  }
}
