import Foundation
import Testing

@testable import KithFormats

/// The real CSV files in ../shared/fixtures/csv; SOURCES.md describes each one's quirks.
@Suite struct CSVFixtureTests {
  @Test func linkedInSixHops() throws {
    guard let result = try FixtureFiles.read("csv/linkedin-connections-six-hops.csv") else {
      return
    }
    #expect(result.format == .linkedin)
    #expect(result.contacts.count == 4)
    // Two different people named Priya Sharma stay two records.
    #expect(
      result.contacts.map(\.name) == ["Priya Sharma", "Rahul Iyer", "Priya Sharma", "Anita Rao"])
    #expect(result.contacts.map(\.line) == [5, 6, 7, 8])
    #expect(result.contacts[0].metOn == "2021-03-12")
    #expect(result.contacts[0].linkedIn == "https://www.linkedin.com/in/priya-sharma-1")
    #expect(result.contacts[1].emails == ["rahul@example.com"])
    #expect(result.contacts[2].company == "Razorpay Software Pvt Ltd")
    #expect(result.contacts[3].company == nil)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.line == 9)
    #expect(result.problems.first?.message.hasPrefix("no name") == true)
  }

  @Test func linkedInPeopleURLVariants() throws {
    guard let result = try FixtureFiles.read("csv/linkedin-connections-people.csv") else { return }
    #expect(result.format == .linkedin)
    #expect(result.contacts.count == 7)
    #expect(result.problems.isEmpty)
    let byName = result.contacts
    #expect(byName[0].emails == ["Alice@Example.com"])
    #expect(byName[0].metOn == "2021-04-02")
    #expect(byName[1].linkedIn == "https://www.linkedin.com/in/bob-sample")
    #expect(byName[2].linkedIn == "https://www.linkedin.com/in/carol-test")
    #expect(byName[3].name == "Dana Dup")
    #expect(byName[4].name == "Dana Dup")
    #expect(byName[4].position == "Designer")
    #expect(byName[5].name == "Élodie Accent")
    #expect(byName[6].name == "Nobody Nourl")
    #expect(byName[6].linkedIn == nil)
    #expect(byName[6].metOn == "2023-07-08")
  }

  @Test func linkedInCRLFQuotedCommas() throws {
    guard let result = try FixtureFiles.read("csv/linkedin-connections-kawsay-crlf.csv") else {
      return
    }
    #expect(result.format == .linkedin)
    #expect(result.contacts.count == 2)
    #expect(result.problems.isEmpty)
    #expect(result.contacts[0].name == "José García")
    #expect(result.contacts[0].company == "Acme, Inc.")
    #expect(result.contacts[0].metOn == "2024-01-15")
    #expect(result.contacts[0].emails.isEmpty)
    #expect(result.contacts[1].name == "Æsop Fontaine")
    #expect(result.contacts[1].position == "Director, Operations")
    #expect(result.contacts[1].metOn == "2024-02-03")
    #expect(result.contacts.map(\.line) == [5, 6])
  }

  @Test func googleContactsUTF16LittleEndian() throws {
    guard let result = try FixtureFiles.read("csv/roundcube-google-contacts-utf16le.csv") else {
      return
    }
    #expect(result.format == .csv)
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Prefix Firstname Middle Lastname Suffix")
    #expect(card.line == 2)
    #expect(
      card.emails == ["home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"])
    #expect(card.phones.count == 7)
    #expect(card.phones.first == "pager")
    #expect(card.birthday == yearly("birthday", 12, 12, 1975))
    #expect(card.note == "note\"note")
    #expect(card.categories == ["Test"])
    #expect(card.company == "company")
    #expect(card.position == "jobtitle")
    #expect(card.urls == ["test.com", "home.page.com"])
  }

  @Test func outlookWithoutNameColumnNeedsMapping() throws {
    guard FixtureFiles.root != nil else {
      _ = try FixtureFiles.read("csv/roundcube-outlook-email-columns.csv")
      return
    }
    let file = "csv/roundcube-outlook-email-columns.csv"
    let path = FixtureFiles.root!.appendingPathComponent(file).path
    let error = #expect(throws: ImportError.unrecognised(path: path)) {
      try ContactFileReader.read(path: path, options: ImportOptions())
    }
    #expect(error?.description.contains("--map name=COLUMN") == true)
    let mapped = try #require(
      try FixtureFiles.read(file, options: ImportOptions(columnMap: ["name": "E-mail Address"])))
    #expect(mapped.contacts.count == 1)
    #expect(mapped.problems.isEmpty)
    #expect(mapped.contacts.first?.name == "test1@domain.tld")
    #expect(
      mapped.contacts.first?.emails == ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"])
  }

  @Test func thunderbirdSplitBirthday() throws {
    guard let result = try FixtureFiles.read("csv/roundcube-thunderbird-export.csv") else { return }
    #expect(result.format == .csv)
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Displayname")
    #expect(card.emails == ["test@domain.tld", "next@domain.tld"])
    #expect(card.phones == ["phone work", "phone home", "mobile"])
    #expect(card.birthday == yearly("birthday", 11, 15, 1970))
    #expect(card.company == "Organization")
    #expect(card.position == "title")
    #expect(card.urls == ["http://page.com", "http://webpage.tld"])
    #expect(card.note == nil)
  }
}
