/// One contact read from an address-book file, before kith merges it into its store.
public struct ImportedContact: Equatable, Sendable, Codable {
  /// Display name; never empty for a record a reader returns.
  public var name: String
  /// E-mail addresses as given, trimmed; the first is the primary one.
  public var emails: [String]
  /// Phone numbers as given, trimmed.
  public var phones: [String]
  /// Web addresses other than the LinkedIn profile.
  public var urls: [String]
  /// LinkedIn profile, normalised to `https://www.linkedin.com/in/<slug>`.
  public var linkedIn: String?
  /// Free-text note.
  public var note: String?
  /// vCard CATEGORIES or the CSV's group labels.
  public var categories: [String]
  /// Organisation name.
  public var company: String?
  /// Job title.
  public var position: String?
  /// Birthday, labelled "birthday".
  public var birthday: YearlyDate?
  /// Anniversaries and other labelled dates.
  public var dates: [YearlyDate]
  /// LinkedIn "Connected On" as `YYYY-MM-DD`.
  public var metOn: String?
  /// kith circles; only kith's own exports fill this.
  public var circles: [String]
  /// kith cadence such as "3w"; only kith's own exports fill this.
  public var every: String?
  /// kith contact id; only kith's own exports fill this.
  public var id: String?
  /// 1-based line in the file where this record starts.
  public var line: Int

  /// Creates a contact; everything but the name defaults to empty.
  public init(
    name: String, emails: [String] = [], phones: [String] = [], urls: [String] = [],
    linkedIn: String? = nil, note: String? = nil, categories: [String] = [],
    company: String? = nil, position: String? = nil, birthday: YearlyDate? = nil,
    dates: [YearlyDate] = [], metOn: String? = nil, circles: [String] = [],
    every: String? = nil, id: String? = nil, line: Int = 0
  ) {
    self.name = name
    self.emails = emails
    self.phones = phones
    self.urls = urls
    self.linkedIn = linkedIn
    self.note = note
    self.categories = categories
    self.company = company
    self.position = position
    self.birthday = birthday
    self.dates = dates
    self.metOn = metOn
    self.circles = circles
    self.every = every
    self.id = id
    self.line = line
  }

  /// Adds a web address, routing LinkedIn profiles to `linkedIn` (the first one wins).
  mutating func addURL(_ raw: String) {
    let url = raw.trimmingWhitespace()
    guard !url.isEmpty else { return }
    if let profile = LinkedInURL.normalise(url) {
      if linkedIn == nil {
        linkedIn = profile
        return
      }
      if linkedIn == profile { return }
    }
    urls.append(url)
  }
}
