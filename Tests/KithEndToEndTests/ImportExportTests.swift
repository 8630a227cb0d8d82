import Foundation
import Testing

/// `kith import` and `kith export` through the real binary.
@Suite struct ImportExportTests {
  static let fixtures = Harness.packageRoot.appendingPathComponent("../shared/fixtures")
    .standardizedFileURL

  /// The fixtures folder beside the checkout; CI must have it, a user's clone may not.
  static func fixture(_ path: String) -> String? {
    let url = fixtures.appendingPathComponent(path)
    if FileManager.default.fileExists(atPath: url.path) { return url.path }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record("Fixture \(url.path) is missing; CI must have ../shared/fixtures")
    } else {
      print("Skipping: \(url.path) not found (../shared/fixtures is absent)")
    }
    return nil
  }

  /// (file, records imported, records skipped), counted by reading each file.
  static let fixtureCounts: [(String, Int, Int)] = [
    ("vcf/ezvcard-android-v21-qp-multi.vcf", 6, 0),
    ("vcf/ezvcard-outlook-v21.vcf", 1, 0),
    ("vcf/ezvcard-iphone-ios5-v30-crcrlf.vcf", 1, 0),
    ("vcf/ezvcard-evolution-v30.vcf", 1, 0),
    ("vcf/ezvcard-rfc6350-example-v40.vcf", 1, 0),
    ("vcf/ezvcard-gmail-v30.vcf", 1, 0),
    ("vcf/cozy-google-v30-broken-folding.vcf", 1, 0),
    ("vcf/cozy-ios8-v30-bday-1604.vcf", 1, 0),
    ("vcf/cozy-android-v21-custom-events.vcf", 1, 0),
    ("vcf/radicale-cardbook-bday-16040101.vcf", 1, 0),
    ("vcf/khard-unparsable-truncated.vcf", 1, 1),
    ("vcf/khard-text-bday-v40.vcf", 1, 1),
    ("vcf/roundcube-utf16be-apple-v30.vcf", 1, 0),
    ("vcf/roundcube-v21-windows1252.vcf", 1, 0),
    ("vcf/vobject-v40-multilang-altid.vcf", 1, 0),
    ("csv/linkedin-connections-six-hops.csv", 4, 1),
    ("csv/linkedin-connections-people.csv", 7, 0),
    ("csv/linkedin-connections-kawsay-crlf.csv", 2, 0),
    ("csv/roundcube-google-contacts-utf16le.csv", 1, 0),
    ("csv/roundcube-thunderbird-export.csv", 1, 0),
  ]

  @Test(arguments: fixtureCounts.map(\.0))
  func everyFixtureImports(_ file: String) throws {
    guard let path = Self.fixture(file) else { return }
    let (_, records, skipped) = Self.fixtureCounts.first { $0.0 == file }!
    let h = try Harness()
    let report = try #require(try h.json("import", path) as? [String: Any])
    let added = (report["added"] as? [Any])?.count ?? -1
    let merged = (report["merged"] as? [Any])?.count ?? -1
    let problems = report["problems"] as? [String] ?? []
    // Records of one person in one file merge; all others are added.
    #expect(added + merged == records, "\(report)")
    #expect(problems.count == skipped, "\(problems)")
    for problem in problems { #expect(problem.hasPrefix(path + ":"), "\(problem)") }
    let contacts = try #require(try h.backup() as? [String: Any])
    #expect((contacts["contacts"] as? [Any])?.count == added)
  }

  @Test func fixtureFieldsLandOnContacts() throws {
    guard let ios = Self.fixture("vcf/cozy-ios8-v30-bday-1604.vcf"),
      let cardbook = Self.fixture("vcf/radicale-cardbook-bday-16040101.vcf"),
      let thunderbird = Self.fixture("csv/roundcube-thunderbird-export.csv"),
      let linkedin = Self.fixture("csv/linkedin-connections-people.csv"),
      let outlook = Self.fixture("vcf/ezvcard-outlook-v21.vcf")
    else { return }
    let h = try Harness()
    for path in [ios, cardbook, thunderbird, linkedin, outlook] {
      #expect(try h.kith("import", path, "--circle", "core").status == 0)
    }
    let backup = try #require(try h.backup() as? [String: Any])
    let contacts = try #require(backup["contacts"] as? [[String: Any]])
    let birthdays = Set(contacts.compactMap { $0["birthday"] as? String })
    #expect(
      birthdays.isSuperset(of: ["--02-02", "--01-01", "1970-11-15", "1980-03-22"]), "\(birthdays)")
    let linkedIns = contacts.compactMap { $0["linkedin"] as? String }
    #expect(linkedIns.count >= 6)
    #expect(
      linkedIns.allSatisfy { $0.hasPrefix("https://www.linkedin.com/in/") && !$0.contains("?") })
    #expect(contacts.allSatisfy { ($0["circles"] as? [String]) == ["core"] })
    let outlookDates = contacts.compactMap { $0["dates"] as? [[String: Any]] }.flatMap { $0 }
    #expect(
      outlookDates.contains {
        $0["label"] as? String == "anniversary" && $0["date"] as? String == "2011-01-13"
      })
  }

  @Test func unrecognisedFileIsAClearErrorAndMapFixesIt() throws {
    guard let path = Self.fixture("csv/roundcube-outlook-email-columns.csv") else { return }
    let h = try Harness()
    let refused = try h.kith("import", path)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--map name="), "\(refused.stderr)")
    let mapped = try h.kith("import", path, "--map", "name=E-mail Address")
    #expect(mapped.status == 0, "\(mapped.stderr)")
    #expect(try h.kith("import", "/nonexistent/contacts.vcf").status == 2)
  }

  @Test func dryRunWritesNothingAndSecondImportChangesNothing() throws {
    let h = try Harness()
    let file = h.root.appendingPathComponent("people.csv").path
    try
      "Name,Email,Birthday\nAda Lovelace,ada@example.org,1815-12-10\nAlan Turing,alan@example.org,--06-23\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let dry = try #require(try h.json("import", file, "--dry-run") as? [String: Any])
    #expect(dry["dry_run"] as? Bool == true)
    #expect((dry["added"] as? [Any])?.count == 2)
    #expect(try h.reminders("agenda", "--days", "400").isEmpty)
    let first = try #require(try h.json("import", file) as? [String: Any])
    #expect((first["added"] as? [Any])?.count == 2)
    let before = try h.kith("export", "--format", "json").stdout
    let second = try #require(try h.json("import", file) as? [String: Any])
    #expect((second["added"] as? [Any])?.count == 0)
    #expect((second["merged"] as? [Any])?.count == 0)
    #expect((second["unchanged"] as? [Any])?.count == 2)
    #expect(try h.kith("export", "--format", "json").stdout == before)
    // A richer file about the same people fills in, and never empties what is stored.
    try "Name,Email,Phone\nAda Lovelace,ada@example.org,+44 20 7946 0000\nAlan Turing,,\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let third = try #require(try h.json("import", file) as? [String: Any])
    #expect((third["merged"] as? [Any])?.count == 1)
    let detail = try #require(try h.json("show", "alan-turing") as? [String: Any])
    let alan = try #require(detail["contact"] as? [String: Any])
    #expect(alan["emails"] as? [String] == ["alan@example.org"])
    #expect(alan["birthday"] as? String == "--06-23")
  }

  @Test func malformedRecordsAreReportedWithLinesAndTheRestImports() throws {
    let h = try Harness()
    try h.kith("add", "Grace Hopper", "--email", "grace@example.org")
    let file = h.root.appendingPathComponent("broken.vcf").path
    try """
    BEGIN:VCARD\r
    VERSION:3.0\r
    FN:Ada Lovelace\r
    BDAY:1815-12-10\r
    END:VCARD\r
    BEGIN:VCARD\r
    VERSION:3.0\r
    NOTE:no name here\r
    END:VCARD\r
    BEGIN:VCARD\r
    VERSION:3.0\r
    FN:Alan Turing\r
    BDAY:1912-13-45\r
    END:VCARD\r

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let report = try #require(try h.json("import", file) as? [String: Any])
    let problems = report["problems"] as? [String] ?? []
    #expect(problems.contains { $0.hasPrefix("\(file):6:") }, "\(problems)")
    #expect(problems.contains { $0.hasPrefix("\(file):13:") }, "\(problems)")
    #expect((report["added"] as? [Any])?.count == 2)
    #expect(try h.kith("show", "grace-hopper").status == 0)
  }

  @Test(arguments: ["vcard", "csv", "json"])
  func exportThenImportIntoAnEmptyStoreGivesTheSameContacts(_ format: String) throws {
    let h = try Harness()
    try h.kith(
      "add", "Ada Lovelace", "--circle", "core", "--birthday", "1815-12-10", "--email",
      "ada@example.org", "--email", "countess@example.org", "--note",
      "Notes; on the engine, \"analytical\"",
      "--date", "work anniversary=2019-04-01", "--linkedin", "https://www.linkedin.com/in/ada")
    try h.kith(
      "add", "Zoë Ångström", "--circle", "recruiters", "--birthday", "02-29", "--every", "2 weeks",
      "--phone", "+46 8 123 456")
    try h.kith(
      "add", "Alan Turing", "--id", "turing", "--company", "NPL", "--position", "Mathematician")
    try h.kith("log", "ada", "--on", Harness.day(-3), "--note", "coffee")
    let file = h.root.appendingPathComponent("export.\(format)").path
    #expect(try h.kith("export", "--format", format, "--output", file).status == 0)
    let original = try #require(try h.backup() as? [String: Any])

    let fresh = try Harness()
    let report = try #require(try fresh.json("import", file) as? [String: Any])
    #expect((report["added"] as? [Any])?.count == 3, "\(report)")
    let copy = try #require(try fresh.backup() as? [String: Any])
    func contacts(_ backup: [String: Any]) -> [NSDictionary] {
      (backup["contacts"] as? [[String: Any]] ?? []).map { contact in
        var contact = contact
        // Only the JSON backup carries when a contact was added.
        if format != "json" { contact["added"] = nil }
        return contact as NSDictionary
      }
    }
    #expect(contacts(copy) == contacts(original))
    if format == "json" {
      #expect((copy["interactions"] as? [Any])?.count == 1)
    }
  }

  @Test func calendarExportParsesWithAnIndependentParser() throws {
    let h = try Harness()
    try h.kith(
      "add", "Ada Lovelace", "--circle", "core", "--birthday", "1815-12-10", "--date",
      "work anniversary=04-01")
    try h.kith("add", "Leap Person", "--birthday", "02-29")
    let file = h.root.appendingPathComponent("kith.ics").path
    #expect(try h.kith("export", "--format", "ics", "--output", file).status == 0)
    let script = """
      import sys, json
      try:
          import icalendar
      except ImportError:
          print("NO_ICALENDAR"); sys.exit(0)
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      out = []
      for e in cal.walk('VEVENT'):
          rrule = e.get('RRULE')
          out.append({"uid": str(e['UID']), "summary": str(e['SUMMARY']),
                      "start": e.decoded('DTSTART').isoformat(),
                      "rrule": {k: [str(x) for x in v] for k, v in rrule.items()} if rrule else None})
      print(json.dumps(sorted(out, key=lambda x: x["uid"])))
      """
    let result = try h.runTool("/usr/bin/env", ["python3", "-c", script, file])
    #expect(result.status == 0, "\(result.stderr)")
    if result.stdout.hasPrefix("NO_ICALENDAR") {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("Python's icalendar is missing; .ci/run installs it")
      } else {
        print("Skipping the iCalendar check: pip install icalendar")
      }
      return
    }
    let events = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let uids = events.compactMap { $0["uid"] as? String }
    #expect(
      uids == [
        "ada-lovelace.birthday@kith", "ada-lovelace.date-work-anniversary@kith",
        "ada-lovelace.touch@kith", "leap-person.birthday@kith",
      ])
    let birthday = try #require(
      events.first { $0["uid"] as? String == "ada-lovelace.birthday@kith" })
    #expect((birthday["start"] as? String)?.hasSuffix("-12-10") == true)
    #expect((birthday["rrule"] as? [String: [String]])?["FREQ"] == ["YEARLY"])
    let leap = try #require(events.first { $0["uid"] as? String == "leap-person.birthday@kith" })
    #expect((leap["start"] as? String)?.hasSuffix("-02-29") == true)
    #expect((leap["rrule"] as? [String: [String]])?["BYMONTHDAY"] == ["-1"])
    let touch = try #require(events.first { $0["uid"] as? String == "ada-lovelace.touch@kith" })
    #expect(touch["rrule"] is NSNull)
    // Stable UIDs: a second export names the same events.
    let again = try h.kith("export", "--format", "ics").stdout
    for uid in uids { #expect(again.contains("UID:\(uid)")) }
  }

  @Test func importedPeopleSpreadOverTheFirstCadence() throws {
    let h = try Harness()
    var csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    for n in 1...300 {
      csv +=
        "Person,Number\(n),https://www.linkedin.com/in/person-\(n),,Acme,Engineer,03 Feb 2021\n"
    }
    let file = h.root.appendingPathComponent("Connections.csv").path
    try csv.write(toFile: file, atomically: true, encoding: .utf8)
    let report = try #require(try h.json("import", file, "--circle", "core") as? [String: Any])
    #expect((report["added"] as? [Any])?.count == 300)
    // A monthly circle: every first reminder falls within the coming month.
    let agenda = try h.reminders("agenda", "--days", "32")
    let touches = agenda.filter { $0["kind"] as? String == "touch" }
    #expect(touches.count == 300)
    var perDay: [String: Int] = [:]
    for reminder in touches {
      perDay[String((reminder["due"] as? String ?? "").prefix(10)), default: 0] += 1
    }
    let average = 300.0 / Double(perDay.count)
    #expect(perDay.count >= 25, "\(perDay)")
    #expect(perDay.values.allSatisfy { Double($0) <= 3 * average }, "\(perDay)")
    // The connection date is kept as when you met, not as an interaction.
    let detail = try #require(try h.json("show", "person-number1") as? [String: Any])
    #expect((detail["contact"] as? [String: Any])?["met_on"] as? String == "2021-02-03")
    #expect((detail["interactions"] as? [Any])?.isEmpty == true)
  }

  @Test func categoriesMapToCircles() throws {
    let h = try Harness()
    let file = h.root.appendingPathComponent("vip.vcf").path
    try "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nCATEGORIES:VIP,Chess\nEND:VCARD\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    #expect(try h.kith("import", file, "--category-circle", "VIP=core").status == 0)
    let detail = try #require(try h.json("show", "ada") as? [String: Any])
    let contact = try #require(detail["contact"] as? [String: Any])
    #expect(contact["circles"] as? [String] == ["core"])
    #expect(contact["tags"] as? [String] == ["Chess"])
    #expect(try h.kith("import", file, "--category-circle", "VIP=nosuch").status == 2)
  }
}
