import Foundation

/// A month and day that recur every year, with the year when it is known (a birth year).
public struct MonthDay: Hashable, Sendable, Codable, CustomStringConvertible {
  public let month: Int
  public let day: Int
  public let year: Int?

  public init?(month: Int, day: Int, year: Int? = nil) {
    // Feb 29 exists in leap years, so validate against one.
    guard (1...12).contains(month), day >= 1,
      day <= CivilDate.daysIn(month: month, year: year ?? 2000)
    else { return nil }
    self.month = month
    self.day = day
    self.year = year
  }

  /// Parses `MM-DD`, `--MM-DD` or `YYYY-MM-DD`.
  public init?(_ text: some StringProtocol) {
    var body = Substring(text)
    if body.hasPrefix("--") { body = body.dropFirst(2) }
    let parts = body.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 2, parts[0].count == 2, parts[1].count == 2,
      let m = Int(parts[0]), let d = Int(parts[1])
    {
      self.init(month: m, day: d)
    } else if let date = CivilDate(body) {
      self.init(month: date.month, day: date.day, year: date.year)
    } else {
      return nil
    }
  }

  /// This month-day in `year`, with Feb 29 moved by `rule` in common years.
  public func date(in year: Int, feb29 rule: Policy.Feb29Rule) -> CivilDate {
    if month == 2, day == 29, !CivilDate.isLeap(year) {
      return rule == .feb28
        ? CivilDate(year: year, month: 2, day: 28)! : CivilDate(year: year, month: 3, day: 1)!
    }
    return CivilDate(year: year, month: month, day: day)!
  }

  /// `YYYY-MM-DD` or `--MM-DD` when the year is unknown.
  public var description: String {
    let md = "\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    guard let year else { return "--" + md }
    return CivilDate(year: year, month: month, day: day).map(\.description) ?? "--" + md
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = MonthDay(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a month-day: \(text)"))
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A yearly date other than the birthday, with its label ("work anniversary").
public struct LabelledDate: Hashable, Sendable, Codable {
  public var label: String
  public var date: MonthDay

  public init(label: String, date: MonthDay) {
    self.label = label
    self.date = date
  }
}

/// A person to keep in touch with.
public struct Contact: Hashable, Sendable, Codable {
  /// Stable short slug, unique: `ada-lovelace`.
  public var id: String
  public var name: String
  public var circles: [String]
  public var birthday: MonthDay?
  public var dates: [LabelledDate]
  /// Overrides the circles' cadence for this person.
  public var every: Cadence?
  public var emails: [String]
  public var phones: [String]
  public var linkedIn: String?
  public var urls: [String]
  public var company: String?
  public var position: String?
  public var notes: String?
  /// Labels kept from imports that name no configured circle.
  public var tags: [String]
  /// When you met, such as LinkedIn's "Connected On"; not an interaction.
  public var metOn: CivilDate?
  public var added: Date

  enum CodingKeys: String, CodingKey {
    case id, name, circles, birthday, dates, every, emails, phones
    case linkedIn = "linkedin"
    case urls, company, position, notes, tags
    case metOn = "met_on"
    case added
  }

  public init(
    id: String, name: String, circles: [String] = [], birthday: MonthDay? = nil,
    dates: [LabelledDate] = [], every: Cadence? = nil, emails: [String] = [],
    phones: [String] = [], linkedIn: String? = nil, urls: [String] = [],
    company: String? = nil, position: String? = nil, notes: String? = nil,
    tags: [String] = [], metOn: CivilDate? = nil, added: Date
  ) {
    self.id = id
    self.name = name
    self.circles = circles
    self.birthday = birthday
    self.dates = dates
    self.every = every
    self.emails = emails
    self.phones = phones
    self.linkedIn = linkedIn
    self.urls = urls
    self.company = company
    self.position = position
    self.notes = notes
    self.tags = tags
    self.metOn = metOn
    self.added = added
  }

  /// A slug made from a name: lowercase ASCII letters and digits joined by dashes.
  public static func slug(for name: String) -> String {
    let folded =
      name.applyingTransform(.toLatin, reverse: false)?
      .applyingTransform(.stripDiacritics, reverse: false) ?? name
    var slug = ""
    var pendingDash = false
    for scalar in folded.lowercased().unicodeScalars {
      if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
        if pendingDash, !slug.isEmpty { slug.append("-") }
        slug.unicodeScalars.append(scalar)
        pendingDash = false
      } else {
        pendingDash = true
      }
    }
    return slug.isEmpty ? "contact" : String(slug.prefix(48))
  }

  /// Whether `text` can be a contact id.
  public static func isValidID(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 64 && text.first != "-"
      && text.unicodeScalars.allSatisfy {
        ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_"
          || $0 == "."
      } && text.lowercased() == text
  }
}

/// A record that you were in touch with someone.
public struct Interaction: Hashable, Sendable, Codable {
  public var contactID: String
  /// The local date it happened, as the person meant it.
  public var date: CivilDate
  /// When it was logged.
  public var loggedAt: Date
  public var kind: String
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case contactID = "contact_id"
    case date
    case loggedAt = "logged_at"
    case kind, note
  }

  public init(contactID: String, date: CivilDate, loggedAt: Date, kind: String, note: String?) {
    self.contactID = contactID
    self.date = date
    self.loggedAt = loggedAt
    self.kind = kind
    self.note = note
  }
}
