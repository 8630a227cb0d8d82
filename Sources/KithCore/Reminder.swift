import Foundation

/// What a reminder is about.
public enum ReminderKind: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Keep in touch, on the contact's cadence.
  case touch
  case birthday
  /// A labelled yearly date, such as a work anniversary.
  case date(String)
  case followup

  /// Parses `touch`, `birthday`, `date:<label>`, `followup`.
  public init?(rawValue: String) {
    switch rawValue {
    case "touch": self = .touch
    case "birthday": self = .birthday
    case "followup": self = .followup
    default:
      guard rawValue.hasPrefix("date:"), rawValue.count > 5 else { return nil }
      self = .date(String(rawValue.dropFirst(5)))
    }
  }

  public var rawValue: String {
    switch self {
    case .touch: "touch"
    case .birthday: "birthday"
    case .date(let label): "date:\(label)"
    case .followup: "followup"
    }
  }

  public var description: String { rawValue }

}

/// Where a reminder stands.
public enum ReminderPhase: String, Sendable, Codable {
  case scheduled, due, snoozed
}

/// One occurrence of a reminder: a contact, a kind, and when it falls due.
public struct Reminder: Hashable, Sendable {
  /// Short and stable for the occurrence; the CLI prints and accepts it.
  public var id: String
  public var contactID: String
  public var contactName: String
  public var kind: ReminderKind
  /// The date that names the occurrence: the planned day of a keep-in-touch reminder, the
  /// day of the birthday or yearly date that year.
  public var occurrence: CivilDate
  /// When the rules say it falls due.
  public var scheduled: Date
  /// When it falls due after any snooze.
  public var due: Date
  /// The circle whose cadence applies; nil for dated kinds.
  public var circle: String?
  public var cadence: Cadence?
  public var phase: ReminderPhase

  public init(
    contactID: String, contactName: String, kind: ReminderKind, occurrence: CivilDate,
    scheduled: Date, due: Date, circle: String?, cadence: Cadence?, phase: ReminderPhase
  ) {
    self.id = ReminderID.make(contactID: contactID, kind: kind, occurrence: occurrence)
    self.contactID = contactID
    self.contactName = contactName
    self.kind = kind
    self.occurrence = occurrence
    self.scheduled = scheduled
    self.due = due
    self.circle = circle
    self.cadence = cadence
    self.phase = phase
  }

  /// The phase at `now`, which may be later than when the reminder was computed.
  public func phase(at now: Date) -> ReminderPhase {
    if due <= now { return .due }
    return due != scheduled ? .snoozed : .scheduled
  }

  /// Orders by due instant, then contact and kind, so listings are stable.
  public static func dueOrder(_ a: Reminder, _ b: Reminder) -> Bool {
    (a.due, a.contactName, a.contactID, a.kind) < (b.due, b.contactName, b.contactID, b.kind)
  }
}

/// What is stored about one occurrence: a snooze, completion, the last announcement.
public struct OccurrenceState: Hashable, Sendable {
  public var contactID: String
  public var kind: ReminderKind
  public var occurrence: CivilDate
  public var snoozedUntil: Date?
  public var doneAt: Date?
  public var announcedAt: Date?

  public init(
    contactID: String, kind: ReminderKind, occurrence: CivilDate, snoozedUntil: Date? = nil,
    doneAt: Date? = nil, announcedAt: Date? = nil
  ) {
    self.contactID = contactID
    self.kind = kind
    self.occurrence = occurrence
    self.snoozedUntil = snoozedUntil
    self.doneAt = doneAt
    self.announcedAt = announcedAt
  }

  public struct Key: Hashable, Sendable {
    public var kind: ReminderKind
    public var occurrence: CivilDate

    public init(kind: ReminderKind, occurrence: CivilDate) {
      self.kind = kind
      self.occurrence = occurrence
    }
  }

  public var key: Key { Key(kind: kind, occurrence: occurrence) }
}

/// Short reminder ids: six characters of a stable hash of contact, kind and occurrence.
public enum ReminderID {
  static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
  static let asciiAlphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

  public static func make(contactID: String, kind: ReminderKind, occurrence: CivilDate) -> String {
    // Hashes the bytes of "\(contactID)|\(kind.rawValue)|\(occurrence)" without building it.
    var hasher = StableHash()
    hasher.combine(contactID)
    hasher.combine("|")
    switch kind {
    case .date(let label):
      hasher.combine("date:")
      hasher.combine(label)
    default:
      hasher.combine(kind.rawValue)
    }
    hasher.combine("|")
    hasher.combine(occurrence)
    var hash = hasher.finalize()
    // Written as bytes: appending `Character`s costs more than the hash.
    return String(unsafeUninitializedCapacity: 6) { buffer in
      for index in 0..<6 {
        buffer[index] = asciiAlphabet[Int(hash & 31)]
        hash >>= 5
      }
      return 6
    }
  }

  /// Whether `text` has the shape of a reminder id.
  public static func looksLikeID(_ text: String) -> Bool {
    text.count == 6 && text.allSatisfy { alphabet.contains($0) }
  }
}

/// FNV-1a: a hash that is the same on every run and machine, unlike `Hasher`.
///
/// ``fnv1a(_:)`` hashes one string; an instance hashes several pieces as if they were one
/// string, without building it.
public struct StableHash {
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public static func fnv1a(_ text: String) -> UInt64 {
    var hasher = StableHash()
    hasher.combine(text)
    return hasher.finalize()
  }

  /// Adds the UTF-8 bytes of `text`.
  public mutating func combine(_ text: String) {
    for byte in text.utf8 { combine(byte: byte) }
  }

  /// Adds the bytes of `date.description`.
  public mutating func combine(_ date: CivilDate) {
    guard (0...9999).contains(date.year) else {
      combine(date.description)
      return
    }
    combine(byte: 0x30 + UInt8(date.year / 1000))
    combine(byte: 0x30 + UInt8(date.year / 100 % 10))
    combine(byte: 0x30 + UInt8(date.year / 10 % 10))
    combine(byte: 0x30 + UInt8(date.year % 10))
    combine(byte: 0x2d)
    combine(byte: 0x30 + UInt8(date.month / 10))
    combine(byte: 0x30 + UInt8(date.month % 10))
    combine(byte: 0x2d)
    combine(byte: 0x30 + UInt8(date.day / 10))
    combine(byte: 0x30 + UInt8(date.day % 10))
  }

  private mutating func combine(byte: UInt8) {
    hash ^= UInt64(byte)
    hash &*= 0x100_0000_01b3
  }

  /// The hash of everything added.
  public func finalize() -> UInt64 {
    var hash = self.hash
    // Mix the high bits down so that small moduli see all of the input.
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
  }
}
