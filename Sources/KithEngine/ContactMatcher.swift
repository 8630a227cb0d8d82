import Foundation
import KithCore

/// Finds the stored contact an imported one is, and merges what the import adds.
///
/// The same person: same id (kith's own exports), same e-mail, same LinkedIn URL, or the same
/// normalised name with no conflicting data. A merge only fills in and adds; it never
/// overwrites what is stored or makes it emptier.
struct ContactMatcher {
  private(set) var contacts: [String: Contact]
  private var byEmail: [String: String] = [:]
  private var byLinkedIn: [String: String] = [:]
  private var byName: [String: [String]] = [:]

  init(contacts: [String: Contact]) {
    self.contacts = [:]
    for contact in contacts.values.sorted(by: { $0.id < $1.id }) { remember(contact) }
  }

  mutating func remember(_ contact: Contact) {
    contacts[contact.id] = contact
    for email in contact.emails {
      byEmail[email.lowercased()] = byEmail[email.lowercased()] ?? contact.id
    }
    if let url = contact.linkedIn {
      byLinkedIn[url.lowercased()] = byLinkedIn[url.lowercased()] ?? contact.id
    }
    let key = Self.normalised(contact.name)
    if !(byName[key]?.contains(contact.id) ?? false) { byName[key, default: []].append(contact.id) }
  }

  func match(_ candidate: Contact, importedID: String?) -> Contact? {
    if let importedID, let contact = contacts[importedID] { return contact }
    for email in candidate.emails {
      if let id = byEmail[email.lowercased()] { return contacts[id] }
    }
    if let url = candidate.linkedIn, let id = byLinkedIn[url.lowercased()] { return contacts[id] }
    for id in byName[Self.normalised(candidate.name)] ?? [] {
      if let contact = contacts[id], !Self.conflict(contact, candidate) { return contact }
    }
    return nil
  }

  /// Data that says two records with one name are two people.
  static func conflict(_ a: Contact, _ b: Contact) -> Bool {
    if let x = a.birthday, let y = b.birthday, x.month != y.month || x.day != y.day { return true }
    if !a.emails.isEmpty, !b.emails.isEmpty,
      Set(a.emails.map { $0.lowercased() }).isDisjoint(with: b.emails.map { $0.lowercased() })
    {
      return true
    }
    if let x = a.linkedIn, let y = b.linkedIn, x.lowercased() != y.lowercased() { return true }
    return false
  }

  /// `existing` with what `incoming` adds, and the names of the fields that changed.
  static func merge(_ existing: Contact, with incoming: Contact) -> (Contact, [String]) {
    var merged = existing
    var changed: [String] = []
    func union(_ field: String, _ keyPath: WritableKeyPath<Contact, [String]>, folding: Bool) {
      var seen = Set(merged[keyPath: keyPath].map { folding ? $0.lowercased() : $0 })
      for value in incoming[keyPath: keyPath]
      where seen.insert(folding ? value.lowercased() : value).inserted {
        merged[keyPath: keyPath].append(value)
        if !changed.contains(field) { changed.append(field) }
      }
    }
    func fill<T>(_ field: String, _ keyPath: WritableKeyPath<Contact, T?>) {
      if merged[keyPath: keyPath] == nil, let value = incoming[keyPath: keyPath] {
        merged[keyPath: keyPath] = value
        changed.append(field)
      }
    }
    union("emails", \.emails, folding: true)
    union("phones", \.phones, folding: false)
    union("urls", \.urls, folding: false)
    union("circles", \.circles, folding: false)
    union("tags", \.tags, folding: false)
    if let old = merged.birthday, old.year == nil, let new = incoming.birthday,
      new.year != nil, new.month == old.month, new.day == old.day
    {
      merged.birthday = new
      changed.append("birthday year")
    }
    fill("birthday", \.birthday)
    fill("linkedin", \.linkedIn)
    fill("company", \.company)
    fill("position", \.position)
    fill("notes", \.notes)
    fill("met", \.metOn)
    fill("every", \.every)
    for date in incoming.dates where !merged.dates.contains(where: { $0.label == date.label }) {
      merged.dates.append(date)
      if !changed.contains("dates") { changed.append("dates") }
    }
    return (merged, changed)
  }

  /// Lowercased, without diacritics, single-spaced.
  static func normalised(_ name: String) -> String {
    name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
