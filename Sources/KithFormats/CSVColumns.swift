import Foundation

/// Which CSV columns hold which contact field, from recognised headers and `--map`.
struct CSVColumns {
  var name: Int?
  var firstName: Int?
  var middleName: Int?
  var lastName: Int?
  var emails: [Int] = []
  var phones: [Int] = []
  var urls: [Int] = []
  var linkedIn: Int?
  var note: Int?
  var company: Int?
  var position: Int?
  var birthday: Int?
  var anniversary: Int?
  var birthYear: Int?
  var birthMonth: Int?
  var birthDay: Int?
  var categories: Int?
  /// Set for kith's own export, whose list cells hold one value per line.
  var isKith = false
  var id: Int?
  var circles: Int?
  var every: Int?
  var dates: Int?
  var metOn: Int?

  /// The fields `--map` accepts.
  static let mappableFields = [
    "name", "first_name", "last_name", "email", "phone", "birthday", "note", "company",
    "position", "linkedin", "url", "categories",
  ]

  /// Recognises Google, Outlook, Thunderbird, kith and generic headers case-insensitively.
  init(header: [String]) {
    let lower = header.map { $0.trimmingWhitespace().lowercased() }
    func first(_ aliases: [String]) -> Int? {
      aliases.lazy.compactMap { lower.firstIndex(of: $0) }.first
    }
    name = first(["name", "display name", "full name", "formatted name", "fn"])
    firstName = first(["first name", "given name", "firstname", "first"])
    middleName = first(["middle name", "additional name"])
    lastName = first(["last name", "family name", "surname", "lastname", "last"])
    emails = lower.indices.filter { Self.isEmail(lower[$0]) }
    phones = lower.indices.filter { Self.isPhone(lower[$0]) }
    urls = lower.indices.filter { Self.isURL(lower[$0]) }
    linkedIn = first(["linkedin", "linkedin url", "linkedin profile", "linkedin profile url"])
    note = first(["notes", "note", "comments"])
    company = first([
      "company", "organization", "organisation", "organization 1 - name", "company name", "org",
    ])
    position = first(["position", "job title", "organization 1 - title", "title", "role"])
    birthday = first(["birthday", "birth date", "birthdate", "bday", "date of birth", "dob"])
    anniversary = first(["anniversary"])
    birthYear = first(["birth year"])
    birthMonth = first(["birth month"])
    birthDay = first(["birth day"])
    categories = first(["categories", "category", "group membership", "groups", "labels", "tags"])
    // kith's own columns only count when the header is kith's, so that an "Id" column of some
    // other tool does not become a kith id.
    isKith = ["id", "name", "circles", "every"].allSatisfy(lower.contains)
    if isKith {
      id = first(["id"])
      circles = first(["circles"])
      every = first(["every"])
      dates = first(["dates"])
      metOn = first(["met on"])
    }
  }

  /// Applies `--map field=Column`, which wins over recognition.
  mutating func apply(_ map: [String: String], header: [String], path: String) throws(ImportError) {
    for (field, column) in map.sorted(by: { $0.key < $1.key }) {
      let key = field.lowercased().replacingOccurrences(of: "-", with: "_")
      guard Self.mappableFields.contains(key) else {
        throw .badMapping(
          "\(path):1: --map \(field)=\(column): unknown field \"\(field)\"; fields are "
            + Self.mappableFields.joined(separator: ", "))
      }
      let wanted = column.trimmingWhitespace()
      guard
        let index = header.firstIndex(of: column)
          ?? header.firstIndex(where: {
            $0.trimmingWhitespace().caseInsensitiveCompare(wanted) == .orderedSame
          })
      else {
        let columns = header.filter { !$0.isEmpty }.map { "\"\($0)\"" }.joined(separator: ", ")
        throw .badMapping(
          "\(path):1: --map \(field)=\(column): no column \"\(column)\" in the header;"
            + " columns are \(columns)")
      }
      switch key {
      case "name": name = index
      case "first_name": firstName = index
      case "last_name": lastName = index
      case "email": emails = [index]
      case "phone": phones = [index]
      case "birthday": birthday = index
      case "note": note = index
      case "company": company = index
      case "position": position = index
      case "linkedin": linkedIn = index
      case "url": urls = [index]
      default: categories = index
      }
    }
  }

  var hasName: Bool { name != nil || firstName != nil || lastName != nil }

  static func isEmail(_ header: String) -> Bool {
    let plain = [
      "email", "e-mail", "emails", "e-mails", "mail", "email address", "e-mail address",
      "primary email", "secondary email",
    ]
    if plain.contains(header) { return true }
    guard header.hasPrefix("e-mail") || header.hasPrefix("email") else { return false }
    return header.hasSuffix("- value") || header.hasSuffix("address")
  }

  static func isPhone(_ header: String) -> Bool {
    if ["tel", "telephone", "phones"].contains(header) { return true }
    guard header.contains("phone") || header.contains("mobile") else { return false }
    return !header.contains("fax") && !header.contains("type") && !header.contains("pager")
  }

  static func isURL(_ header: String) -> Bool {
    let plain = ["url", "urls", "website", "web site", "homepage", "home page", "web page"]
    if plain.contains(header) { return true }
    if header.hasPrefix("website") && header.hasSuffix("- value") { return true }
    return header.hasPrefix("web page") || header.hasSuffix("web page")
  }
}
