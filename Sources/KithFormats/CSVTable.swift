/// An RFC 4180 CSV file split into rows, each remembering the physical line it starts on.
struct CSVTable {
  /// One record of the file.
  struct Row {
    var fields: [String]
    /// 1-based physical line where the row starts.
    var line: Int

    /// Whether every field is empty or blank.
    var isBlank: Bool { fields.allSatisfy { $0.trimmingWhitespace().isEmpty } }
  }

  var rows: [Row] = []
  /// Line of a quoted field that was still open at the end of the file.
  var unterminatedQuoteLine: Int?

  /// Parses UTF-8 bytes: quoted fields may hold commas, doubled quotes and line breaks;
  /// lines end in LF, CRLF or CR.
  init(_ bytes: [UInt8]) {
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var rowLine = 1
    var index = 0
    var inQuotes = false
    var fieldWasQuoted = false
    let count = bytes.count

    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
    }

    while index < count {
      let byte = bytes[index]
      if inQuotes {
        if byte == quote {
          if index + 1 < count && bytes[index + 1] == quote {
            field.append(quote)
            index += 2
            continue
          }
          inQuotes = false
        } else {
          if byte == carriageReturn {
            // Line breaks inside fields become LF whatever the file uses.
            if index + 1 < count && bytes[index + 1] == newline { index += 1 }
            field.append(newline)
            line += 1
          } else {
            if byte == newline { line += 1 }
            field.append(byte)
          }
        }
        index += 1
        continue
      }
      switch byte {
      case quote where field.isEmpty && !fieldWasQuoted:
        inQuotes = true
        fieldWasQuoted = true
      case comma:
        endField()
      case newline, carriageReturn:
        if byte == carriageReturn && index + 1 < count && bytes[index + 1] == newline { index += 1 }
        endField()
        rows.append(Row(fields: fields, line: rowLine))
        fields.removeAll()
        line += 1
        rowLine = line
      default:
        // A stray quote inside an unquoted field is kept as text, as spreadsheets do.
        field.append(byte)
      }
      index += 1
    }
    if inQuotes { unterminatedQuoteLine = rowLine }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
      endField()
      rows.append(Row(fields: fields, line: rowLine))
    }
  }
}
