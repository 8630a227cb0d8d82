import Foundation
import Testing

@testable import KithFormats

/// vCard forms that no real fixture has, written inline.
@Suite struct VCardReaderTests {
  static let birthdayForms: [(String, YearlyDate?)] = [
    ("BDAY:--0229", yearly("birthday", 2, 29)),
    ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", yearly("birthday", 4, 15)),
    ("BDAY:1604-04-15", yearly("birthday", 4, 15)),
    ("BDAY:--0415", yearly("birthday", 4, 15)),
    ("BDAY:--04-15", yearly("birthday", 4, 15)),
    ("BDAY:1980-03-22", yearly("birthday", 3, 22, 1980)),
    ("BDAY:19800322", yearly("birthday", 3, 22, 1980)),
    ("BDAY;VALUE=date:2012-06-06", yearly("birthday", 6, 6, 2012)),
    ("BDAY:20090808T1430-0500", yearly("birthday", 8, 8, 2009)),
    ("BDAY:1996-02-29", yearly("birthday", 2, 29, 1996)),
  ]

  @Test(arguments: birthdayForms)
  func birthdayForm(line: String, expected: YearlyDate?) throws {
    let result = try parse("BEGIN:VCARD\nVERSION:4.0\nFN:Ann\n\(line)\nEND:VCARD\n")
    #expect(result.contacts.first?.birthday == expected)
    #expect(result.problems.isEmpty)
  }

  @Test(arguments: ["BDAY:1997-02-29", "BDAY:1980-13-01", "BDAY:yesterday", "BDAY:--0230"])
  func invalidBirthdayIsReportedOnItsLine(line: String) throws {
    let result = try parse("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n\(line)\nEND:VCARD\n")
    #expect(result.contacts.count == 1)
    #expect(result.contacts.first?.birthday == nil)
    #expect(result.problems.map(\.line) == [4])
  }

  @Test func namesFallBackFromFNToNToORGToEmail() throws {
    let text = """
      BEGIN:VCARD
      N:Doe;Jane;Q.;Dr.;PhD
      END:VCARD
      BEGIN:VCARD
      ORG:Acme\\, Inc.;Sales
      END:VCARD
      BEGIN:VCARD
      EMAIL:x@example.com
      END:VCARD
      BEGIN:VCARD
      N:;;;;
      TEL:123
      END:VCARD
      """
    let result = try parse(text)
    #expect(result.contacts.map(\.name) == ["Dr. Jane Q. Doe PhD", "Acme, Inc.", "x@example.com"])
    #expect(result.contacts.map(\.line) == [1, 4, 7])
    #expect(result.problems.map(\.line) == [10])
    #expect(result.problems.first?.message.hasPrefix("no name") == true)
  }

  @Test func malformedRecordsReportTheirLines() throws {
    let text = """
      BEGIN:VCARD
      FN:First
      BDAY:not a date
      END:VCARD

      BEGIN:VCARD
      FN:Unclosed
      BEGIN:VCARD
      FN:Third
      X-ABDATE:2020-02-30
      END:VCARD
      BEGIN:VCARD
      FN:Truncated
      """
    let result = try parse(text)
    #expect(result.contacts.map(\.name) == ["First", "Unclosed", "Third", "Truncated"])
    #expect(result.problems.map(\.line) == [3, 6, 10, 12])
    #expect(result.problems[1].message.hasPrefix("card not closed"))
    #expect(result.problems[1].description.hasPrefix("test:6: "))
  }

  @Test func appleAndAndroidDateLabels() throws {
    let text = """
      BEGIN:VCARD
      VERSION:3.0
      FN:Dates
      item1.X-ABLabel:_$!<Other>!$_
      item1.X-ABDATE:2001-01-01
      item2.X-ABDATE;TYPE=pref:--0505
      item2.X-ABLabel:work anniversary
      X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1999-09-09;3;;;;
      X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2010-10-10;0;Graduation;;;
      ANNIVERSARY:19900101
      END:VCARD
      """
    let card = try #require(try parse(text).contacts.first)
    #expect(
      card.dates == [
        yearly("other", 1, 1, 2001), yearly("work anniversary", 5, 5),
        yearly("Graduation", 10, 10, 2010), yearly("anniversary", 1, 1, 1990),
      ])
    // Android type 3 is a birthday, used because there is no BDAY.
    #expect(card.birthday == yearly("birthday", 9, 9, 1999))
  }

  @Test func propertiesParamsAndEscapes() throws {
    let text = """
      BEGIN:VCARD
      VERSION:2.1
      FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg=20M=
      =C3=BCller
      EMAIL;HOME;PREF: jm@example.com\u{20}
      item1.URL:http\\://www.LinkedIn.com/in/Jorg-M/?trk=x
      URL;TYPE="home,pref":https://example.org
      NOTE:line one\\nline two\\, with comma\\; and semicolon \\\\ backslash
      CATEGORIES:Friends,Work\\,Stuff,Friends
      TITLE:CTO
      PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==

      TEL;CELL:+1 555 0100
      END:VCARD
      """
    let card = try #require(try parse(text).contacts.first)
    #expect(card.name == "Jörg Müller")
    #expect(card.emails == ["jm@example.com"])
    #expect(card.linkedIn == "https://www.linkedin.com/in/jorg-m")
    #expect(card.urls == ["https://example.org"])
    #expect(card.note == "line one\nline two, with comma; and semicolon \\ backslash")
    #expect(card.categories == ["Friends", "Work,Stuff"])
    #expect(card.position == "CTO")
    #expect(card.phones == ["+1 555 0100"])
  }

  @Test func kithOwnProperties() throws {
    let text = """
      BEGIN:VCARD
      VERSION:4.0
      UID:urn:kith:abc123
      FN:Kith Person
      X-KITH-CIRCLES:close,book club
      X-KITH-EVERY:3w
      END:VCARD
      """
    let card = try #require(try parse(text).contacts.first)
    #expect(card.id == "abc123")
    #expect(card.circles == ["close", "book club"])
    #expect(card.every == "3w")
  }

  @Test(arguments: [false, true])
  func utf16WithoutBOMIsDetected(bigEndian: Bool) throws {
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ærø\r\nEND:VCARD\r\n"
    var data = Data()
    for unit in text.utf16 {
      let bytes = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
      data.append(contentsOf: bigEndian ? bytes : bytes.reversed())
    }
    let result = try ContactFileReader.parse(data, path: "u16", options: ImportOptions())
    #expect(result.contacts.map(\.name) == ["Zoë Ærø"])
  }

  @Test func latin1WithoutCharsetFallsBackPerProperty() throws {
    var data = Data("BEGIN:VCARD\nFN:Ren".utf8)
    data.append(0xE9)  // é in Latin-1, invalid as UTF-8.
    data.append(contentsOf: Data("\nNOTE:caf\u{E9} ok\nEND:VCARD\n".utf8))
    let result = try ContactFileReader.parse(data, path: "l1", options: ImportOptions())
    #expect(result.contacts.first?.name == "René")
    #expect(result.contacts.first?.note == "café ok")
  }

  @Test func tenThousandCards() throws {
    var text = ""
    for index in 0..<10_000 {
      text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \(index)\r\nN:\(index);Person;;;\r\n"
      text += "EMAIL;TYPE=INTERNET:p\(index)@example.com\r\nTEL;TYPE=CELL:+1 555 \(index)\r\n"
      text += "BDAY:19\(10 + index % 90)-0\(1 + index % 9)-1\(index % 10)\r\n"
      text += "ORG:Company \(index % 7);Dept\r\nTITLE:Role\r\nNOTE:A note\\, folded over a\r\n"
      text += "  continuation line\r\nEND:VCARD\r\n"
    }
    let result = try parse(text)
    #expect(result.contacts.count == 10_000)
    #expect(result.problems.isEmpty)
    let last = try #require(result.contacts.last)
    #expect(last.name == "Person 9999")
    #expect(last.line == 9_999 * 12 + 1)
    #expect(last.emails == ["p9999@example.com"])
    #expect(last.birthday == yearly("birthday", 1, 19, 1919))
    #expect(last.company == "Company \(9999 % 7)")
    #expect(last.note == "A note, folded over a continuation line")
  }

  @Test func arbitraryBytesNeverTrap() throws {
    var generator = SystemRandomNumberGenerator()
    let seeds: [[UInt8]] = [
      Array("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=".utf8),
      Array("BEGIN:VCARD\nPHOTO;ENCODING=BASE64:AAAA\n".utf8),
      Array("BEGIN:VCARD\nN:\\".utf8), Array("\"a,\"\"".utf8), [0xFE, 0xFF, 0xD8],
      [0xFF, 0xFE, 0x00],
    ]
    for seed in seeds {
      _ = try? ContactFileReader.parse(Data(seed), path: "x", options: ImportOptions())
      for format in ImportFormat.allCases {
        _ = try? ContactFileReader.parse(
          Data(seed), path: "x", options: ImportOptions(format: format))
      }
    }
    for _ in 0..<200 {
      let count = Int.random(in: 0..<300, using: &generator)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if Bool.random(using: &generator) { bytes = Array("BEGIN:VCARD\n".utf8) + bytes }
      let format = ImportFormat.allCases.randomElement(using: &generator)
      _ = try? ContactFileReader.parse(
        Data(bytes), path: "x", options: ImportOptions(format: Bool.random() ? nil : format))
    }
  }
}
