import Foundation
import Testing

@testable import KithFormats

/// VCardWriter and CSVWriter output read back by ContactFileReader.
@Suite struct WriterRoundTripTests {
  /// Text fields have no edge whitespace, since readers trim it.
  static let contacts: [ImportedContact] = [
    ImportedContact(
      name: "Zoë Ærø-Łukasz, Jr.", emails: ["zoe@example.com", "z,o;e@example.org"],
      phones: ["+49 30 1234; ext 5", "+1 (555) 010-0100"],
      urls: ["https://example.com/a,b;c", "http://blog.example.org/"],
      linkedIn: "https://www.linkedin.com/in/zoe-aero",
      note: "Line one, with comma; semicolon \\ backslash\nLine two \"quoted\"\n\nLast: 日本語",
      categories: ["Friends", "Book, Club", "A;B"], company: "Acme; Sons, Ltd.",
      position: "Head of \"Things\"", birthday: yearly("birthday", 2, 29, 1996),
      dates: [
        yearly("anniversary", 6, 1, 2001), yearly("Died", 1, 2), yearly("anniversary", 2, 29),
        yearly("work anniversary: first", 3, 4, 2010),
      ],
      metOn: "2021-03-12", circles: ["close", "old, friends"], every: "3w", id: "c-42"),
    ImportedContact(name: "Min", birthday: yearly("birthday", 4, 15)),
    ImportedContact(
      name: String(repeating: "Ünïcødé ", count: 20) + "end", emails: ["a@b.c"],
      note: String(repeating: "long note ", count: 30) + "end"),
  ]

  private func withoutLines(_ contacts: [ImportedContact]) -> [ImportedContact] {
    contacts.map { contact in
      var copy = contact
      copy.line = 0
      return copy
    }
  }

  @Test func vCardRoundTrip() throws {
    let text = VCardWriter.write(Self.contacts)
    let result = try parse(text)
    #expect(result.format == .vcard)
    #expect(result.problems.isEmpty)
    #expect(withoutLines(result.contacts) == withoutLines(Self.contacts))
  }

  @Test func csvRoundTrip() throws {
    let text = CSVWriter.write(Self.contacts)
    let result = try parse(text)
    #expect(result.format == .csv)
    #expect(result.problems.isEmpty)
    #expect(withoutLines(result.contacts) == withoutLines(Self.contacts))
  }

  @Test func vCardLinesAreCRLFFoldedAndShaped() throws {
    let text = VCardWriter.write(Self.contacts)
    #expect(text.hasSuffix("END:VCARD\r\n"))
    let lines = text.components(separatedBy: "\r\n").dropLast()
    #expect(lines.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") && !$0.contains("\r") })
    #expect(lines.contains("BDAY:19960229"))
    #expect(lines.contains("ANNIVERSARY:20010601"))
    #expect(lines.contains("item1.X-ABDATE:--0102"))
    #expect(lines.contains("item1.X-ABLabel:Died"))
    #expect(lines.contains("item2.X-ABLabel:_$!<Anniversary>!$_"))
    #expect(lines.contains("BDAY:--0415"))
    #expect(lines.contains("X-KITH-ID:c-42"))
    #expect(lines.contains("UID:urn:kith:c-42"))
    #expect(lines.contains("X-KITH-EVERY:3w"))
    #expect(lines.contains("X-KITH-CIRCLES:close,old\\, friends"))
    #expect(lines.contains("CATEGORIES:Friends,Book\\, Club,A\\;B"))
    #expect(lines.filter { $0 == "VERSION:4.0" }.count == 3)
  }

  @Test func csvHeaderIsKithColumns() {
    let text = CSVWriter.write([])
    #expect(
      text
        == "Id,Name,Emails,Phones,LinkedIn,URLs,Company,Position,Birthday,Dates,Circles,Every,"
        + "Note,Met On,Categories\r\n")
  }

  @Test func foldingKeepsUTF8SequencesWhole() {
    let line = "NOTE:" + String(repeating: "é", count: 100)
    let folded = ContentLine.fold(line)
    let physical = folded.components(separatedBy: "\r\n").dropLast()
    #expect(physical.allSatisfy { $0.utf8.count <= 75 })
    let unfolded = physical.enumerated().map {
      $0.offset == 0 ? $0.element : String($0.element.dropFirst())
    }
    .joined()
    #expect(unfolded == line)
  }
}
