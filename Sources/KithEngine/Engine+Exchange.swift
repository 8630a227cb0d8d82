import Foundation
import KithConfig
import KithCore
import KithFormats
import KithProtocol
import KithStore

extension Engine {
  /// Imports contact files: adds new people, merges known ones, reports what it skipped.
  /// All of it lands in one transaction, or with `dry_run` nothing does.
  func importContacts(_ args: ImportArgs, now: Date) throws(ErrorBody) -> ImportReport {
    guard !args.paths.isEmpty else { throw ErrorBody(.invalid, "Name at least one file") }
    if let circle = args.circle { try checkCircle(circle) }
    for circle in (args.categoryCircles ?? [:]).values { try checkCircle(circle) }
    var format: ImportFormat?
    var isBackup = false
    if let name = args.format {
      if name == "json" {
        isBackup = true
      } else {
        guard let known = ImportFormat(rawValue: name) else {
          throw ErrorBody(
            .invalid, "Unknown format \"\(name)\"; accepted: vcard, linkedin, csv, json")
        }
        format = known
      }
    }
    var plan = ImportPlan(matcher: ContactMatcher(contacts: model.contacts), now: now)
    for path in args.paths {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw ErrorBody(.invalid, "\(path): cannot read: \(error.localizedDescription)")
      }
      if isBackup || (format == nil && data.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{"))
      {
        let backup: Backup
        do {
          backup = try Wire.decoder().decode(Backup.self, from: data)
        } catch {
          throw ErrorBody(.invalid, "\(path): not a kith JSON backup: \(error)")
        }
        for contact in backup.contacts {
          plan.take(contact, importedID: contact.id, file: path, line: 0, keepAdded: true)
        }
        plan.interactions += backup.interactions
        continue
      }
      let result: ImportResult
      do {
        result = try ContactFileReader.parse(
          data, path: path, options: ImportOptions(format: format, columnMap: args.map ?? [:]))
      } catch {
        throw ErrorBody(.invalid, error.description)
      }
      plan.problems += result.problems.map(\.description)
      for imported in result.contacts {
        let candidate = contact(from: imported, args: args, now: now)
        plan.take(
          candidate, importedID: imported.id, file: path, line: imported.line, keepAdded: false)
      }
    }
    let report = plan.report(dryRun: args.dryRun == true)
    guard args.dryRun != true else { return report }
    let contacts = plan.changedContacts
    let interactions = plan.newInteractions(existing: try allInteractions())
    if !contacts.isEmpty || !interactions.isEmpty {
      try write { writer in
        for contact in contacts { try writer.save(contact) }
        for interaction in interactions { try writer.add(interaction) }
      }
      do {
        model = try Model.load(store: store, planner: model.planner, now: now)
      } catch {
        throw ErrorBody(.store, error.description)
      }
    }
    return report
  }

  func export(_ args: ExportArgs, now: Date) throws(ErrorBody) -> ExportResult {
    let contacts = model.contacts.values.sorted { $0.id < $1.id }
    switch args.format {
    case "json":
      let backup = Backup(contacts: contacts, interactions: try allInteractions())
      let data = try! Wire.encoder(pretty: true).encode(backup)
      return ExportResult(format: "json", text: String(decoding: data, as: UTF8.self) + "\n")
    case "vcard":
      return ExportResult(format: "vcard", text: VCardWriter.write(contacts.map(imported)))
    case "csv":
      return ExportResult(format: "csv", text: CSVWriter.write(contacts.map(imported)))
    case "ics":
      return ExportResult(
        format: "ics", text: ICalendarWriter.write(calendarEvents(contacts, now: now), stamp: now))
    default:
      throw ErrorBody(
        .invalid, "Unknown format \"\(args.format)\"; accepted: ics, vcard, csv, json")
    }
  }

  private func allInteractions() throws(ErrorBody) -> [Interaction] {
    do {
      return try store.read { try $0.allInteractions() }
    } catch {
      throw ErrorBody(.store, error.description)
    }
  }

  /// A yearly event per birthday and dated event, and each contact's next keep-in-touch date.
  func calendarEvents(_ contacts: [Contact], now: Date) -> [CalendarEvent] {
    let thisYear = calendar.date(of: now).year
    var events: [CalendarEvent] = []
    func yearly(_ date: MonthDay) -> Int {
      guard date.month == 2, date.day == 29 else { return thisYear }
      var year = thisYear
      while !CivilDate.isLeap(year) { year -= 1 }
      return year
    }
    for contact in contacts {
      if let birthday = contact.birthday {
        events.append(
          CalendarEvent(
            uid: "\(contact.id).birthday@kith", summary: "\(contact.name)'s birthday",
            description: birthday.year.map { "Born \($0)" }, year: yearly(birthday),
            month: birthday.month, day: birthday.day, yearly: true))
      }
      for date in contact.dates {
        events.append(
          CalendarEvent(
            uid: "\(contact.id).date-\(Contact.slug(for: date.label))@kith",
            summary: "\(contact.name): \(date.label)",
            description: date.date.year.map { "Since \($0)" }, year: yearly(date.date),
            month: date.date.month, day: date.date.day, yearly: true))
      }
      if let touch = model.reminders[contact.id]?.first(where: { $0.kind == .touch }) {
        let day = calendar.date(of: touch.due)
        events.append(
          CalendarEvent(
            uid: "\(contact.id).touch@kith", summary: "Reach out to \(contact.name)",
            description: touch.cadence.map { "\(touch.circle ?? "kith"), \($0.description)" },
            year: day.year, month: day.month, day: day.day, yearly: false))
      }
    }
    return events
  }

  /// A contact as the formats module writes it.
  func imported(_ contact: Contact) -> ImportedContact {
    func yearly(_ label: String, _ date: MonthDay) -> YearlyDate {
      YearlyDate(label: label, month: date.month, day: date.day, year: date.year)
    }
    return ImportedContact(
      name: contact.name, emails: contact.emails, phones: contact.phones, urls: contact.urls,
      linkedIn: contact.linkedIn, note: contact.notes, categories: contact.tags,
      company: contact.company, position: contact.position,
      birthday: contact.birthday.map { yearly("birthday", $0) },
      dates: contact.dates.map { yearly($0.label, $0.date) }, metOn: contact.metOn?.description,
      circles: contact.circles, every: contact.every?.canonical, id: contact.id)
  }

  /// An imported record as a contact: circles from `--circle`, mapped categories and kith's
  /// own exports (when configured); other categories kept as tags.
  func contact(from imported: ImportedContact, args: ImportArgs, now: Date) -> Contact {
    let mapping = args.categoryCircles ?? [:]
    var circles = args.circle.map { [$0] } ?? []
    var tags: [String] = []
    for circle in imported.circles {
      if config.policy.circles[circle] != nil {
        circles.append(circle)
      } else {
        tags.append(circle)
      }
    }
    for category in imported.categories {
      if let circle = mapping[category] { circles.append(circle) } else { tags.append(category) }
    }
    func monthDay(_ date: YearlyDate) -> MonthDay? {
      MonthDay(month: date.month, day: date.day, year: date.year)
    }
    return Contact(
      id: "", name: imported.name, circles: Self.unique(circles),
      birthday: imported.birthday.flatMap(monthDay),
      dates: imported.dates.compactMap { date in
        monthDay(date).map { LabelledDate(label: date.label, date: $0) }
      }, every: imported.every.flatMap { Cadence($0) }, emails: imported.emails,
      phones: imported.phones, linkedIn: imported.linkedIn, urls: imported.urls,
      company: imported.company, position: imported.position, notes: imported.note,
      tags: Self.unique(tags), metOn: imported.metOn.flatMap { CivilDate($0) }, added: now)
  }
}

/// What an import will do, built record by record before anything is written.
struct ImportPlan {
  var matcher: ContactMatcher
  let now: Date
  var added: [ImportReport.Entry] = []
  var merged: [ImportReport.Entry] = []
  var unchanged: [ImportReport.Entry] = []
  var problems: [String] = []
  var interactions: [Interaction] = []
  private var changed: [String: Contact] = [:]
  private var order: [String] = []

  init(matcher: ContactMatcher, now: Date) {
    self.matcher = matcher
    self.now = now
  }

  mutating func take(
    _ candidate: Contact, importedID: String?, file: String, line: Int, keepAdded: Bool
  ) {
    if let existing = matcher.match(candidate, importedID: importedID) {
      let (result, fields) = ContactMatcher.merge(existing, with: candidate)
      let entry = ImportReport.Entry(
        id: existing.id, name: existing.name, file: file, line: line,
        reason: fields.isEmpty
          ? "already present, nothing new" : "added " + fields.joined(separator: ", "))
      if fields.isEmpty {
        unchanged.append(entry)
      } else {
        merged.append(entry)
        record(result)
      }
      return
    }
    var contact = candidate
    contact.id = freeID(importedID, name: candidate.name)
    if !keepAdded { contact.added = now }
    added.append(
      ImportReport.Entry(id: contact.id, name: contact.name, file: file, line: line, reason: nil))
    record(contact)
  }

  private mutating func record(_ contact: Contact) {
    if changed[contact.id] == nil { order.append(contact.id) }
    changed[contact.id] = contact
    matcher.remember(contact)
  }

  private func freeID(_ wanted: String?, name: String) -> String {
    if let wanted, Contact.isValidID(wanted), matcher.contacts[wanted] == nil { return wanted }
    let base = Contact.slug(for: name)
    var candidate = base
    var n = 2
    while matcher.contacts[candidate] != nil {
      candidate = "\(base)-\(n)"
      n += 1
    }
    return candidate
  }

  var changedContacts: [Contact] { order.compactMap { changed[$0] } }

  /// Backup interactions not stored yet, for contacts that exist after the import.
  func newInteractions(existing: [Interaction]) -> [Interaction] {
    var seen = Set(existing)
    return interactions.filter { matcher.contacts[$0.contactID] != nil && seen.insert($0).inserted }
  }

  func report(dryRun: Bool) -> ImportReport {
    ImportReport(
      dryRun: dryRun, added: added, merged: merged, unchanged: unchanged, problems: problems)
  }
}

extension UInt8 {
  fileprivate var isWhitespace: Bool {
    self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D
  }
}
