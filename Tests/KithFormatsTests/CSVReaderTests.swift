import Foundation
import Testing

@testable import KithFormats

/// Generic CSV reading: header recognition, --map, dates and line numbers.
@Suite struct CSVReaderTests {
  @Test func outlookColumnsAndLineNumbers() throws {
    let text = """
      "First Name","Middle Name","Last Name","Title","Job Title","Company","E-mail Address",\
      "E-mail 2 Address","Business Phone","Mobile Phone","Birthday","Anniversary","Notes","Categories"
      Ann,B.,Cole,Dr.,Engineer,"Acme, Inc.",ann@example.com,ann2@example.com,111,222,12/31/1980,\
      0/0/00,"Two
      lines",Friends;Work

      Bob,,Dee,,,,bob@example.com,,,,31/12/1980,6/1/2001,,
      ,,,,,,,,,,,,,
      """
    let result = try parse(text)
    #expect(result.format == .csv)
    #expect(result.contacts.count == 2)
    let ann = result.contacts[0]
    #expect(ann.name == "Ann B. Cole")
    #expect(ann.position == "Engineer")
    #expect(ann.company == "Acme, Inc.")
    #expect(ann.emails == ["ann@example.com", "ann2@example.com"])
    #expect(ann.phones == ["111", "222"])
    #expect(ann.birthday == yearly("birthday", 12, 31, 1980))
    #expect(ann.dates.isEmpty)
    #expect(ann.note == "Two\nlines")
    #expect(ann.categories == ["Friends", "Work"])
    #expect(ann.line == 2)
    // The quoted note spans lines 2 and 3, then a blank line: Bob starts on line 5.
    let bob = result.contacts[1]
    #expect(bob.line == 5)
    #expect(bob.birthday == nil)
    #expect(bob.dates == [yearly("anniversary", 6, 1, 2001)])
    #expect(
      result.problems.map(\.description) == [
        "test:5: birthday \"31/12/1980\" is not a date; left out"
      ])
  }

  @Test func genericHeadersAndRaggedRows() throws {
    let text =
      "name,email,phone,birthday,notes,company,title,linkedin,\n"
      + "Cy,cy@example.com,1,--12-12,hi,Co,Boss,cy-slug,extra,more\n"
      + "Di,di@example.com\r\n"
      + "Ed,,,31 Dec 1980\n"
    let result = try parse(text)
    #expect(result.contacts.map(\.name) == ["Cy", "Di", "Ed"])
    #expect(result.contacts[0].birthday == yearly("birthday", 12, 12))
    #expect(result.contacts[0].linkedIn == "https://www.linkedin.com/in/cy-slug")
    #expect(result.contacts[0].position == "Boss")
    #expect(result.contacts[1].emails == ["di@example.com"])
    #expect(result.contacts[2].birthday == yearly("birthday", 12, 31, 1980))
    #expect(result.contacts.map(\.line) == [2, 3, 4])
  }

  @Test func columnMapWinsOverRecognition() throws {
    let text = "Name,Who,Mail,Born\nX,Fay,fay@example.com,1990-01-02\n"
    let result = try parse(text, map: ["name": "who", "email": "Mail", "birthday": "Born"])
    #expect(result.contacts.first?.name == "Fay")
    #expect(result.contacts.first?.emails == ["fay@example.com"])
    #expect(result.contacts.first?.birthday == yearly("birthday", 1, 2, 1990))
  }

  @Test func badMappingNamesColumnAndHeader() throws {
    let error = #expect(throws: ImportError.self) {
      try parse("Name,Mail\nA,a@b\n", map: ["email": "E-Mail"])
    }
    guard case .badMapping(let message) = error else {
      Issue.record("expected badMapping, got \(String(describing: error))")
      return
    }
    #expect(message.contains("\"E-Mail\""))
    #expect(message.contains("\"Name\", \"Mail\""))
    #expect(message.hasPrefix("test:1: "))
  }

  @Test func unknownMappedFieldIsBadMapping() throws {
    #expect(throws: ImportError.self) { try parse("Name\nA\n", map: ["shoe": "Name"]) }
  }

  @Test func csvWithoutNameColumnIsUnrecognised() throws {
    #expect(throws: ImportError.unrecognised(path: "test")) {
      try parse("Mail,Phone\na@b,1\n")
    }
  }

  @Test(arguments: ["", "   \n\n", "hello world", "\u{0}\u{1}\u{2}binary"])
  func nonContactFilesAreUnrecognised(text: String) throws {
    #expect(throws: ImportError.unrecognised(path: "test")) { try parse(text) }
  }

  @Test func rowWithoutNameIsProblem() throws {
    let result = try parse("First Name,Last Name,Notes\nA,B,\n,,just a note\n")
    #expect(result.contacts.map(\.name) == ["A B"])
    #expect(result.problems.map(\.line) == [3])
  }

  @Test func unterminatedQuoteIsReported() throws {
    let result = try parse("Name,Notes\nA,\"open\nB,x\n")
    #expect(result.contacts.count == 1)
    #expect(result.contacts.first?.note == "open\nB,x")
    #expect(result.problems.map(\.line) == [2])
  }

  @Test func windows1252CSV() throws {
    var data = Data("Name,Notes\nJos".utf8)
    data.append(contentsOf: [0xE9, 0x2C, 0x80])  // "é,€" in Windows-1252.
    let result = try ContactFileReader.parse(data, path: "w", options: ImportOptions())
    #expect(result.contacts.first?.name == "José")
    #expect(result.contacts.first?.note == "€")
  }

  @Test func linkedInForcedWithoutHeaderIsUnrecognised() throws {
    #expect(throws: ImportError.unrecognised(path: "test")) {
      try parse("Name\nA\n", format: .linkedin)
    }
  }

  @Test func missingFileIsUnreadable() throws {
    let error = #expect(throws: ImportError.self) {
      try ContactFileReader.read(path: "/nonexistent/kith.vcf", options: ImportOptions())
    }
    guard case .unreadable(let path, _) = error else {
      Issue.record("expected unreadable, got \(String(describing: error))")
      return
    }
    #expect(path == "/nonexistent/kith.vcf")
    #expect(error?.description.hasPrefix("/nonexistent/kith.vcf: cannot read: ") == true)
  }
}
