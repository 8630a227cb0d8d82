import Foundation

/// Reads contacts from a CSV with a header row: Google, Outlook, Thunderbird, kith, or generic.
enum CSVContactReader {
  static func read(_ table: CSVTable, path: String, columnMap: [String: String]) throws(ImportError)
    -> ImportResult
  {
    guard let headerIndex = table.rows.firstIndex(where: { !$0.isBlank }) else {
      throw .unrecognised(path: path)
    }
    let header = table.rows[headerIndex].fields
    var columns = CSVColumns(header: header)
    try columns.apply(columnMap, header: header, path: path)
    guard columns.hasName else { throw .unrecognised(path: path) }

    var reader = RowReader(path: path, columns: columns)
    for row in table.rows[(headerIndex + 1)...] where !row.isBlank {
      reader.read(row)
    }
    if let open = table.unterminatedQuoteLine {
      reader.problems.append(unterminatedProblem(path: path, line: open))
    }
    return ImportResult(format: .csv, contacts: reader.contacts, problems: reader.problems)
  }

  static func unterminatedProblem(path: String, line: Int) -> ImportProblem {
    ImportProblem(
      file: path, line: line,
      message: "quoted field not closed before the end of the file; the rest was read as one field"
    )
  }

  /// Turns rows into contacts with the columns found in the header.
  private struct RowReader {
    let path: String
    let columns: CSVColumns
    var contacts: [ImportedContact] = []
    var problems: [ImportProblem] = []

    init(path: String, columns: CSVColumns) {
      self.path = path
      self.columns = columns
    }

    mutating func read(_ row: CSVTable.Row) {
      func value(_ index: Int?) -> String {
        guard let index, index < row.fields.count else { return "" }
        return row.fields[index].trimmingWhitespace()
      }
      func list(_ index: Int?) -> [String] { split(value(index)) }

      var contact = ImportedContact(name: "", line: row.line)
      for index in columns.emails { appendUnique(list(index), to: &contact.emails) }
      for index in columns.phones { appendUnique(list(index), to: &contact.phones) }
      if columns.isKith {
        appendUnique(list(columns.urls.first), to: &contact.urls)
      } else {
        for index in columns.urls { list(index).forEach { contact.addURL($0) } }
      }
      let linkedIn = value(columns.linkedIn)
      if !linkedIn.isEmpty {
        if let profile = LinkedInURL.normalise(linkedIn) {
          contact.linkedIn = profile
        } else if !linkedIn.contains("/") && !linkedIn.contains(".") {
          contact.linkedIn = "https://www.linkedin.com/in/" + linkedIn.lowercased()
        } else {
          contact.addURL(linkedIn)
        }
      }
      contact.note = optional(value(columns.note))
      contact.company = optional(value(columns.company))
      contact.position = optional(value(columns.position))
      contact.categories = categories(value(columns.categories))
      contact.birthday = date(value(columns.birthday), label: "birthday", row: row)
      if contact.birthday == nil, columns.birthMonth != nil || columns.birthDay != nil {
        contact.birthday = splitBirthday(
          year: value(columns.birthYear), month: value(columns.birthMonth),
          day: value(columns.birthDay), row: row)
      }
      if let anniversary = date(value(columns.anniversary), label: "anniversary", row: row) {
        contact.dates.append(anniversary)
      }
      if columns.isKith {
        contact.id = optional(value(columns.id))
        contact.every = optional(value(columns.every))
        contact.metOn = optional(value(columns.metOn))
        appendUnique(list(columns.circles), to: &contact.circles)
        contact.dates += kithDates(value(columns.dates), row: row)
      }
      let fullName = [value(columns.firstName), value(columns.middleName), value(columns.lastName)]
        .filter { !$0.isEmpty }.joined(separator: " ")
      let name = [value(columns.name), fullName, contact.company ?? "", contact.emails.first ?? ""]
        .first { !$0.isEmpty }
      guard let name else {
        problems.append(
          ImportProblem(
            file: path, line: row.line, message: "no name: row has no name or e-mail; skipped"))
        return
      }
      contact.name = name
      contacts.append(contact)
    }

    /// List cells: kith writes one value per line; Google joins values with ` ::: `.
    private func split(_ cell: String) -> [String] {
      var parts = cell.split(separator: "\n").map(String.init)
      if !columns.isKith {
        parts = parts.flatMap { $0.components(separatedBy: ":::") }
      }
      return parts.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Google marks system groups with `* ` and puts everyone in `* My Contacts`; Outlook uses `;`.
    private func categories(_ cell: String) -> [String] {
      if columns.isKith { return split(cell) }
      var result: [String] = []
      for part in split(cell).flatMap({ $0.split(separator: ";") }) {
        var label = String(part).trimmingWhitespace()
        if label.hasPrefix("* ") { label = String(label.dropFirst(2)).trimmingWhitespace() }
        if !label.isEmpty && label != "My Contacts" && !result.contains(label) {
          result.append(label)
        }
      }
      return result
    }

    private mutating func date(_ text: String, label: String, row: CSVTable.Row) -> YearlyDate? {
      switch DateText.parse(text) {
      case .empty:
        return nil
      case .invalid:
        problems.append(
          ImportProblem(
            file: path, line: row.line, message: "\(label) \"\(text)\" is not a date; left out"))
        return nil
      case .date(let month, let day, let year):
        return YearlyDate(label: label, month: month, day: day, year: year)
      }
    }

    /// Thunderbird's Birth Year, Birth Month and Birth Day columns.
    private mutating func splitBirthday(year: String, month: String, day: String, row: CSVTable.Row)
      -> YearlyDate?
    {
      if month.isEmpty && day.isEmpty { return nil }
      let parsed = Int(month).flatMap { month in
        Int(day).map { DateText.make(month: month, day: $0, year: Int(year)) }
      }
      guard case .date(let m, let d, let y) = parsed else {
        problems.append(
          ImportProblem(
            file: path, line: row.line,
            message: "birthday \"\(year)-\(month)-\(day)\" is not a date; left out"))
        return nil
      }
      return YearlyDate(label: "birthday", month: m, day: d, year: y)
    }

    /// kith's Dates cell: one `label: YYYY-MM-DD` (or `label: --MM-DD`) per line.
    private mutating func kithDates(_ cell: String, row: CSVTable.Row) -> [YearlyDate] {
      var result: [YearlyDate] = []
      for entry in split(cell) {
        guard let colon = entry.lastIndex(of: ":") else {
          problems.append(
            ImportProblem(
              file: path, line: row.line, message: "date \"\(entry)\" has no label; left out"))
          continue
        }
        let label = String(entry[..<colon]).trimmingWhitespace()
        if let date = date(String(entry[entry.index(after: colon)...]), label: label, row: row) {
          result.append(date)
        }
      }
      return result
    }

    private func optional(_ text: String) -> String? { text.isEmpty ? nil : text }

    private func appendUnique(_ values: [String], to list: inout [String]) {
      for value in values where !list.contains(value) { list.append(value) }
    }
  }
}
