import Foundation
import KithCore
import Testing

@Suite("Reminder ids and kinds")
struct ReminderIDTests {
  static let alphabet = Set("0123456789abcdefghjkmnpqrstvwxyz")

  @Test("The same occurrence keeps its id, whenever it is computed", arguments: Zone.all)
  func stable(zone: Zone) throws {
    let planner = zone.planner()
    let contact = Contact.make(birthday: "06-15")
    let early = try #require(
      planner.current(.birthday, for: contact, now: zone.at("2027-06-01T12:00:00")))
    let late = try #require(
      planner.current(.birthday, for: contact, now: zone.at("2027-06-20T12:00:00")))
    let snoozed = try #require(
      planner.current(
        .birthday, for: contact,
        states: [
          OccurrenceState(
            contactID: "ada", kind: .birthday, occurrence: day("2027-06-15"),
            snoozedUntil: zone.at("2027-06-25T09:00:00"))
        ], now: zone.at("2027-06-20T12:00:00")))
    #expect(early.id == late.id)
    #expect(early.id == snoozed.id)
    #expect(
      early.id == ReminderID.make(contactID: "ada", kind: .birthday, occurrence: day("2027-06-15")))
  }

  @Test("Ids are pinned: they appear in journals and must mean the same thing after an upgrade")
  func golden() {
    #expect(
      ReminderID.make(contactID: "ada", kind: .birthday, occurrence: day("2027-06-15"))
        == Self.goldenBirthday)
    #expect(
      ReminderID.make(
        contactID: "ada-lovelace", kind: .date("work anniversary"), occurrence: day("2027-01-05"))
        == Self.goldenAnniversary)
  }

  static let goldenBirthday = "qejtgz"
  static let goldenAnniversary = "eb7ajx"

  @Test("Different occurrences, kinds and contacts get different ids")
  func distinct() {
    let variants: [(String, ReminderKind, String)] = [
      ("ada", .touch, "2027-06-15"), ("ada", .birthday, "2027-06-15"),
      ("ada", .followup, "2027-06-15"), ("ada", .date("work anniversary"), "2027-06-15"),
      ("ada", .date("wedding"), "2027-06-15"), ("ada", .birthday, "2028-06-15"),
      ("ada", .birthday, "2027-06-16"), ("grace", .birthday, "2027-06-15"),
      ("ada-lovelace", .birthday, "2027-06-15"), ("ad", .birthday, "2027-06-15"),
    ]
    let ids = variants.map { ReminderID.make(contactID: $0.0, kind: $0.1, occurrence: day($0.2)) }
    #expect(Set(ids).count == ids.count, "\(ids)")
  }

  @Test("Ids are six characters from the alphabet without i, l, o, u")
  func shape() {
    var ids: Set<String> = []
    let start = day("2027-01-01")
    for person in 0..<20 {
      for offset in 0..<100 {
        let id = ReminderID.make(
          contactID: "person-\(person)", kind: .touch, occurrence: start.adding(days: offset))
        #expect(id.count == 6 && id.allSatisfy(Self.alphabet.contains), "\(id)")
        #expect(ReminderID.looksLikeID(id))
        ids.insert(id)
      }
    }
    #expect(ids.count == 2000)
  }

  @Test(
    "What looks like a reminder id",
    arguments: [
      ("a1b2c3", true), ("000000", true), ("zzzzzz", true), ("ada", false), ("a1b2c3d", false),
      ("a1b2ci", false), ("a1b2cl", false), ("a1b2co", false), ("a1b2cu", false),
      ("A1B2C3", false), ("", false),
    ])
  func looksLikeID(text: String, expected: Bool) {
    #expect(ReminderID.looksLikeID(text) == expected)
  }

  @Test(
    "Kinds round-trip through their raw values",
    arguments: [
      ReminderKind.touch, .birthday, .followup, .date("work anniversary"), .date("wedding"),
      .date("a:b"),
    ])
  func kindRoundTrip(kind: ReminderKind) {
    #expect(ReminderKind(rawValue: kind.rawValue) == kind)
  }

  @Test(
    "Raw values of kinds",
    arguments: [
      ("touch", ReminderKind.touch), ("birthday", .birthday), ("followup", .followup),
      ("date:work anniversary", .date("work anniversary")),
    ])
  func kindRawValues(text: String, kind: ReminderKind) {
    #expect(kind.rawValue == text)
    #expect(ReminderKind(rawValue: text) == kind)
  }

  @Test("Unknown kinds", arguments: ["", "date:", "Touch", "anniversary", "date", "birthdays"])
  func unknownKinds(text: String) {
    #expect(ReminderKind(rawValue: text) == nil)
  }
}
