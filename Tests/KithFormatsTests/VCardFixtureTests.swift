import Foundation
import Testing

@testable import KithFormats

/// The real vCard files in ../shared/fixtures/vcf; SOURCES.md describes each one's quirks.
@Suite struct VCardFixtureTests {
  @Test func androidQuotedPrintableMultipleCards() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-android-v21-qp-multi.vcf") else { return }
    #expect(result.format == .vcard)
    #expect(result.contacts.count == 6)
    #expect(result.problems.isEmpty)
    let cards = result.contacts
    // The first two cards have only an e-mail, which becomes the name.
    #expect(cards[0].name == "john.doe@company.com")
    #expect(cards[1].emails == ["jane.doe@company.com"])
    #expect(cards.map(\.line) == [1, 6, 11, 18, 36, 71])
    #expect(cards[2].name == "Ñ Ñ Ñ Ñ Ñ")
    // A QP soft break joins "=C3=91=" and "=20=C3=91…" across physical lines.
    #expect(cards[3].name == Array(repeating: "Ñ", count: 11).joined(separator: " "))
    #expect(cards[3].phones == ["123456", "234567", "3456789", "45678901"])
    #expect(cards[4].emails == ["bob@company.com", String(repeating: "Ñ", count: 14)])
    #expect(cards[4].company == String(repeating: "Ñ", count: 12))
    #expect(cards[4].urls == ["www.company.com", "http://www.company.com"])
    // Four soft-broken lines then a blank line: 44 characters, and the base64 photo is skipped.
    #expect(cards[5].company == String(repeating: "Ñ", count: 44))
    #expect(cards[5].categories == ["My Contacts"])
  }

  @Test func outlookBasicDatesAndQuotedPrintableLabel() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-outlook-v21.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Mr. John Richter James Doe Sr.")
    #expect(card.birthday == yearly("birthday", 3, 22, 1980))
    #expect(card.dates == [yearly("anniversary", 1, 13, 2011)])
    #expect(card.emails == ["john.doe@ibm.cm"])
    #expect(card.phones == ["(905) 555-1234", "(905) 666-1234"])
    #expect(card.company == "IBM")
    #expect(card.position == "Money Counter")
    #expect(card.note?.hasPrefix("THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD") == true)
  }

  @Test func iPhoneCarriageReturnCarriageReturnLineFeed() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-iphone-ios5-v30-crcrlf.vcf") else {
      return
    }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Mr. John Richter James Doe Sr.")
    #expect(card.emails == ["john.doe@ibm.com"])
    #expect(card.phones.count == 7)
    #expect(card.phones.last == "905-222-1234")
    #expect(card.urls == ["http://www.ibm.com"])
    #expect(card.birthday == yearly("birthday", 6, 6, 2012))
    #expect(card.company == "IBM")
  }

  @Test func evolutionFoldedMidWord() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-evolution-v30.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Mr. John Richter, James Doe Sr.")
    #expect(card.emails == ["john.doe@ibm.com"])
    #expect(card.phones == ["905-666-1234", "905-555-1234"])
    #expect(card.urls == ["http://www.ibm.com"])
    #expect(card.categories == ["VIP"])
    #expect(card.birthday == yearly("birthday", 3, 22, 1980))
    #expect(card.dates == [yearly("anniversary", 3, 22, 1980)])
    #expect(card.note?.contains("SERVICES; LOSS OF USE, DATA, OR PROFITS;") == true)
  }

  @Test func rfc6350ExampleNoYearBirthday() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-rfc6350-example-v40.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Simon Perreault")
    #expect(card.birthday == yearly("birthday", 2, 3))
    // A date-time with a UTC offset keeps its date.
    #expect(card.dates == [yearly("anniversary", 8, 8, 2009)])
    #expect(card.phones == ["+1-418-656-9254;ext=102", "+1-418-262-6501"])
    #expect(card.emails == ["simon.perreault@viagenie.ca"])
    #expect(card.urls == ["http://nomis80.org"])
    #expect(card.company == "Viagenie")
  }

  @Test func gmailAppleDateLabels() throws {
    guard let result = try FixtureFiles.read("vcf/ezvcard-gmail-v30.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "VCard Test")
    #expect(card.emails.count == 5)
    #expect(card.phones.count == 11)
    #expect(card.birthday == yearly("birthday", 6, 23, 1912))
    #expect(
      card.dates == [
        yearly("anniversary", 3, 20, 1930), yearly("date", 7, 4, 1776),
        yearly("CustomDateCategory", 9, 12, 2000),
      ])
    #expect(card.urls.first == "http://www.example1.com")
    #expect(card.urls.count == 6)
    #expect(card.note == "note line 1\nnote line 2\nCustomField: field value")
  }

  @Test func googleBrokenFolding() throws {
    guard let result = try FixtureFiles.read("vcf/cozy-google-v30-broken-folding.vcf") else {
      return
    }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Mr AAAgoogleFirst Middleone Middletwo von AAALast Jr")
    #expect(card.dates == [yearly("Died", 12, 31, 2014), yearly("anniversary", 1, 1, 2001)])
    #expect(card.birthday == yearly("birthday", 4, 5, 1961))
    #expect(card.phones.count == 8)
    #expect(card.urls.count == 5)
    // The NOTE line that lost its fold marker is still part of the note.
    #expect(
      card.note?.hasSuffix("Custom field data\nArbitrary_String: Another custom field") == true)
  }

  @Test func iOS8BirthdayYear1604MeansNoYear() throws {
    guard let result = try FixtureFiles.read("vcf/cozy-ios8-v30-bday-1604.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Testé de Cozy")
    #expect(card.birthday == yearly("birthday", 2, 2))
    #expect(card.company == "Société Cozycloud")
    #expect(
      card.phones == [
        "+33\u{A0}6\u{A0}12\u{A0}34\u{A0}56\u{A0}78", "01\u{A0}23\u{A0}45\u{A0}67\u{A0}89",
      ])
    #expect(card.note == "46b12,\n3ème étage droite.")
  }

  @Test func androidCustomEvents() throws {
    guard let result = try FixtureFiles.read("vcf/cozy-android-v21-custom-events.vcf") else {
      return
    }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "Dr. Jhon middle 2, Suffix")
    #expect(card.birthday == yearly("birthday", 3, 3, 2015))
    #expect(
      card.dates == [
        yearly("anniversary", 3, 4, 2015), yearly("other", 3, 5, 2015),
        yearly("Date Personnalisé", 3, 6, 2015),
      ])
    #expect(card.emails.count == 4)
    // `TEL;:` with an empty parameter still counts.
    #expect(card.phones.count == 20)
    #expect(card.phones.contains("060-000-0007"))
  }

  @Test func cardBookBasic16040101() throws {
    guard let result = try FixtureFiles.read("vcf/radicale-cardbook-bday-16040101.vcf") else {
      return
    }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    #expect(result.contacts.first?.name == "Test bday without year Thunderbird CardBook")
    #expect(result.contacts.first?.birthday == yearly("birthday", 1, 1))
  }

  @Test func truncatedCardImportedWithProblem() throws {
    guard let result = try FixtureFiles.read("vcf/khard-unparsable-truncated.vcf") else { return }
    #expect(result.contacts.map(\.name) == ["second contact with minimal Vcard"])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.line == 1)
    #expect(result.problems.first?.message.hasPrefix("card not closed") == true)
  }

  @Test func textBirthdayIsAProblem() throws {
    guard let result = try FixtureFiles.read("vcf/khard-text-bday-v40.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.contacts.first?.name == "text birthday")
    #expect(result.contacts.first?.birthday == nil)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.line == 5)
    #expect(
      result.problems.first?.description.hasSuffix(
        "khard-text-bday-v40.vcf:5: birthday \"circa 1800\" is text, not a date; left out") == true)
  }

  @Test func utf16BigEndianWithoutBOM() throws {
    guard let result = try FixtureFiles.read("vcf/roundcube-utf16be-apple-v30.vcf") else { return }
    #expect(result.format == .vcard)
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    #expect(result.contacts.first?.name == "Ǽgean ĽdaMonté")
  }

  @Test func windows1252Charset() throws {
    guard let result = try FixtureFiles.read("vcf/roundcube-v21-windows1252.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    let card = try #require(result.contacts.first)
    #expect(card.name == "John Doë")
    #expect(card.emails == ["inbox@roundcube.net", "roundcube@gmail.com"])
    #expect(card.phones == ["+123456789", "+987654321"])
    #expect(card.company == "roundcube.net")
    #expect(card.note == "The notes...")
  }

  @Test func duplicateFormattedNameTakesFirst() throws {
    guard let result = try FixtureFiles.read("vcf/vobject-v40-multilang-altid.vcf") else { return }
    #expect(result.contacts.count == 1)
    #expect(result.problems.isEmpty)
    #expect(result.contacts.first?.name == "Yamada Taro")
  }
}
