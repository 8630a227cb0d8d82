/// Reads vCard 2.1, 3.0 and 4.0 files into contacts, working on bytes so that large files stay
/// fast and each property can use its own CHARSET.
struct VCardReader {
  let path: String
  private(set) var contacts: [ImportedContact] = []
  private(set) var problems: [ImportProblem] = []
  private var card: VCardCard?
  private var pending: VCardProperty?
  /// True while skipping a PHOTO, LOGO, SOUND or KEY value without keeping its bytes.
  private var pendingIsSkipped = false

  init(path: String) {
    self.path = path
  }

  /// Reads every card in `bytes` (UTF-8, or 8-bit text in properties that say so).
  static func read(_ bytes: [UInt8], path: String) -> ImportResult {
    var reader = VCardReader(path: path)
    reader.scan(bytes)
    return ImportResult(format: .vcard, contacts: reader.contacts, problems: reader.problems)
  }

  /// Splits into physical lines (LF, CRLF, CR CR LF or lone CR) and unfolds them.
  private mutating func scan(_ bytes: [UInt8]) {
    var lineNumber = 1
    var start = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == newline || byte == carriageReturn {
        var end = index + 1
        // CR LF and iOS 5's CR CR LF are one line end; a lone CR is one too.
        if byte == carriageReturn {
          if end < count && bytes[end] == newline {
            end += 1
          } else if end + 1 < count && bytes[end] == carriageReturn && bytes[end + 1] == newline {
            end += 2
          }
        }
        physicalLine(bytes[start..<index], number: lineNumber)
        lineNumber += 1
        start = end
        index = end
      } else {
        index += 1
      }
    }
    if start < count { physicalLine(bytes[start..<count], number: lineNumber) }
    flushPending()
    if let open = card {
      finish(open, closed: false)
      card = nil
    }
  }

  private mutating func physicalLine(_ line: ArraySlice<UInt8>, number: Int) {
    if pending != nil && continues(line) { return }
    flushPending()
    guard let first = line.first else { return }
    if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return }  // Stray fold.
    guard let property = VCardProperty.parse(line, line: number) else { return }
    pending = property
    pendingIsSkipped = Self.skippedNames.contains(property.name)
    if pendingIsSkipped { pending?.value = [] }
  }

  private static let skippedNames: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]

  /// Appends `line` to the pending property if it continues it; returns whether it did.
  private mutating func continues(_ line: ArraySlice<UInt8>) -> Bool {
    guard var property = pending else { return false }
    // A quoted-printable soft line break: the next line goes on, whatever it starts with.
    if property.isQuotedPrintable && property.value.last == equals {
      pending = nil
      property.value.removeLast()
      property.value.append(contentsOf: line)
      pending = property
      return true
    }
    if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
      if !pendingIsSkipped {
        pending = nil  // Keep the array uniquely referenced while appending.
        property.value.append(contentsOf: line.dropFirst())
        pending = property
      }
      return true
    }
    if property.isBase64 {
      // vCard 2.1 base64 runs on unindented lines until a blank line, which ends it.
      if line.isEmpty {
        flushPending()
        return true
      }
      return line.allSatisfy(Self.isBase64Byte)
    }
    if !line.isEmpty && card != nil && !VCardProperty.looksLikeProperty(line) {
      // A line that is not a property lost its fold marker (seen in Google exports).
      if !pendingIsSkipped {
        pending = nil
        property.value.append(contentsOf: line)
        pending = property
      }
      return true
    }
    return false
  }

  private static func isBase64Byte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), equals,
      UInt8(ascii: " "), UInt8(ascii: "\t"):
      return true
    default:
      return false
    }
  }

  private mutating func flushPending() {
    guard let property = pending else { return }
    pending = nil
    if pendingIsSkipped { return }
    handle(property)
  }

  private mutating func handle(_ property: VCardProperty) {
    switch property.name {
    case "BEGIN":
      guard property.text.trimmingWhitespace().uppercased() == "VCARD" else { break }
      if let open = card { finish(open, closed: false) }
      card = VCardCard(line: property.line)
    case "END":
      guard property.text.trimmingWhitespace().uppercased() == "VCARD", let open = card else {
        break
      }
      card = nil
      finish(open, closed: true)
    default:
      card?.add(property)
    }
  }

  private mutating func finish(_ card: VCardCard, closed: Bool) {
    let contact = card.finished()
    problems += card.problems.map { ImportProblem(file: path, line: $0.line, message: $0.message) }
    if !closed {
      let outcome = contact == nil ? "skipped" : "imported what it has"
      problems.append(
        ImportProblem(
          file: path, line: card.line, message: "card not closed (no END:VCARD); \(outcome)"))
    }
    if let contact {
      contacts.append(contact)
    } else if closed {
      problems.append(
        ImportProblem(
          file: path, line: card.line, message: "no name: card has no FN, N, ORG or EMAIL; skipped")
      )
    }
  }
}
