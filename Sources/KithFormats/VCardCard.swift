/// Collects the properties of one vCard and turns them into a contact at END:VCARD.
struct VCardCard {
  /// Line of BEGIN:VCARD.
  let line: Int
  private(set) var problems: [(line: Int, message: String)] = []
  private var contact = ImportedContact(name: "")
  private var formattedName: String?
  private var structuredName: String?
  private var organisation: String?
  private var notes: [String] = []
  private var kithID: String?
  private var uidID: String?
  private var androidBirthday: YearlyDate?
  /// Dates in property order; X-ABDATE labels are resolved at the end because the group's
  /// X-ABLabel may come before or after the date.
  private var dates: [(date: YearlyDate, group: String?)] = []
  private var groupLabels: [String: String] = [:]

  init(line: Int) {
    self.line = line
  }

  mutating func add(_ property: VCardProperty) {
    switch property.name {
    case "FN":
      if formattedName == nil { formattedName = nonEmpty(property.text) }
    case "N":
      if structuredName == nil {
        structuredName = Self.name(from: property.pieces(separator: semicolon))
      }
    case "ORG":
      if organisation == nil { organisation = nonEmpty(property.pieces(separator: semicolon)[0]) }
    case "TITLE":
      if contact.position == nil { contact.position = nonEmpty(property.text) }
    case "EMAIL":
      if let email = nonEmpty(property.text) { contact.emails.append(email) }
    case "TEL":
      if let phone = nonEmpty(property.text) { contact.phones.append(Self.withoutTelScheme(phone)) }
    case "URL":
      contact.addURL(property.text)
    case "NOTE":
      if let note = nonEmpty(property.text) { notes.append(note) }
    case "CATEGORIES":
      appendUnique(property.pieces(separator: comma), to: &contact.categories)
    case "X-ABLABEL":
      if !property.group.isEmpty {
        groupLabels[property.group] = property.text.trimmingWhitespace()
      }
    case "BDAY":
      if contact.birthday == nil, let date = date(property, label: "birthday") {
        contact.birthday = date
      }
    case "ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY":
      if let date = date(property, label: "anniversary") { dates.append((date, nil)) }
    case "X-ABDATE":
      if let date = date(property, label: "date") {
        dates.append((date, property.group.isEmpty ? nil : property.group))
      }
    case "X-ANDROID-CUSTOM":
      addAndroidCustom(property)
    case "UID":
      let uid = property.text.trimmingWhitespace()
      if uid.lowercased().hasPrefix("urn:kith:") { uidID = nonEmpty(String(uid.dropFirst(9))) }
    case "X-KITH-ID":
      kithID = nonEmpty(property.text)
    case "X-KITH-EVERY":
      contact.every = nonEmpty(property.text)
    case "X-KITH-MET-ON":
      contact.metOn = nonEmpty(property.text)
    case "X-KITH-CIRCLES":
      appendUnique(property.pieces(separator: comma), to: &contact.circles)
    default:
      break
    }
  }

  /// The finished contact, or nil when the card has no usable name.
  func finished() -> ImportedContact? {
    var result = contact
    result.line = line
    result.company = organisation
    result.note = notes.isEmpty ? nil : notes.joined(separator: "\n")
    result.id = kithID ?? uidID
    if result.birthday == nil { result.birthday = androidBirthday }
    result.dates = dates.map { entry in
      var date = entry.date
      if let group = entry.group, let label = groupLabels[group], !label.isEmpty {
        date.label = Self.appleLabel(label)
      }
      return date
    }
    guard let name = formattedName ?? structuredName ?? organisation ?? result.emails.first else {
      return nil
    }
    result.name = name
    return result
  }

  /// Apple's built-in labels look like `_$!<Anniversary>!$_`; custom labels are kept as typed.
  static func appleLabel(_ label: String) -> String {
    guard label.hasPrefix("_$!<"), label.hasSuffix(">!$_"), label.count > 8 else { return label }
    return String(label.dropFirst(4).dropLast(4)).lowercased()
  }

  /// Display name from N: prefix, given, additional, family, suffix; comma lists become spaces.
  static func name(from pieces: [String]) -> String? {
    func part(_ index: Int) -> String {
      guard index < pieces.count else { return "" }
      return pieces[index].split(separator: ",").map { String($0).trimmingWhitespace() }
        .filter { !$0.isEmpty }.joined(separator: " ")
    }
    let words = [part(3), part(1), part(2), part(0), part(4)].filter { !$0.isEmpty }
    return words.isEmpty ? nil : words.joined(separator: " ")
  }

  /// vCard 4.0 writes phone numbers as `tel:` URIs; people want the number.
  static func withoutTelScheme(_ phone: String) -> String {
    phone.lowercased().hasPrefix("tel:") ? String(phone.dropFirst(4)) : phone
  }

  private mutating func date(_ property: VCardProperty, label: String) -> YearlyDate? {
    let text = property.text.trimmingWhitespace()
    let what = label == "birthday" ? "birthday" : property.name
    if property.hasParam("VALUE", "text") {
      problems.append((property.line, "\(what) \"\(text)\" is text, not a date; left out"))
      return nil
    }
    switch DateText.parse(text) {
    case .empty:
      return nil
    case .invalid:
      problems.append((property.line, "\(what) \"\(text)\" is not a date; left out"))
      return nil
    case .date(let month, let day, let year):
      return YearlyDate(label: label, month: month, day: day, year: year)
    }
  }

  /// Android 2.1 exports extra dates as
  /// `X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;DATE;TYPE;LABEL`.
  private mutating func addAndroidCustom(_ property: VCardProperty) {
    let pieces = property.pieces(separator: semicolon)
    guard pieces.count >= 3,
      pieces[0].trimmingWhitespace() == "vnd.android.cursor.item/contact_event"
    else { return }
    let type = pieces[2].trimmingWhitespace()
    let customLabel = pieces.count > 3 ? pieces[3].trimmingWhitespace() : ""
    let label: String
    switch type {
    case "1": label = "anniversary"
    case "2": label = "other"
    case "3": label = "birthday"
    default: label = customLabel.isEmpty ? "date" : customLabel
    }
    var dateProperty = property
    dateProperty.value = Array(pieces[1].utf8)
    dateProperty.params["ENCODING"] = nil
    dateProperty.params["CHARSET"] = nil
    guard let date = date(dateProperty, label: label) else { return }
    if type == "3" {
      if androidBirthday == nil { androidBirthday = date }
    } else {
      dates.append((date, nil))
    }
  }

  private func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingWhitespace()
    return trimmed.isEmpty ? nil : trimmed
  }

  private func appendUnique(_ values: [String], to list: inout [String]) {
    for value in values {
      let trimmed = value.trimmingWhitespace()
      if !trimmed.isEmpty && !list.contains(trimmed) { list.append(trimmed) }
    }
  }
}
