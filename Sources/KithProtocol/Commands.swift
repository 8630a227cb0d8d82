import Foundation
import KithCore

/// The operations of the socket protocol, which are also the CLI's commands.
public enum Op: String, Codable, Sendable, CaseIterable {
  case hello, status, list, agenda, show, add, edit, rm, log, ack, snooze
  case `import`, export, reload, subscribe
}

public struct ListArgs: Codable, Sendable {
  public var due: Bool?
  public var circle: String?

  public init(due: Bool? = nil, circle: String? = nil) {
    self.due = due
    self.circle = circle
  }
}

public struct AgendaArgs: Codable, Sendable {
  /// `YYYY-MM-DD`; default today.
  public var from: String?
  /// `YYYY-MM-DD`, inclusive.
  public var until: String?
  public var days: Int?

  public init(from: String? = nil, until: String? = nil, days: Int? = nil) {
    self.from = from
    self.until = until
    self.days = days
  }
}

public struct RefArgs: Codable, Sendable {
  public var ref: String

  public init(ref: String) { self.ref = ref }
}

public struct AckArgs: Codable, Sendable {
  public var ref: String
  public var note: String?

  public init(ref: String, note: String? = nil) {
    self.ref = ref
    self.note = note
  }
}

public struct SnoozeArgs: Codable, Sendable {
  public var ref: String
  public var when: String

  public init(ref: String, when: String) {
    self.ref = ref
    self.when = when
  }
}

public struct LogArgs: Codable, Sendable {
  public var ref: String
  /// `YYYY-MM-DD`; default today; never in the future.
  public var on: String?
  public var note: String?
  public var kind: String?

  public init(ref: String, on: String? = nil, note: String? = nil, kind: String? = nil) {
    self.ref = ref
    self.on = on
    self.note = note
    self.kind = kind
  }
}

/// Fields of a contact to set; in `edit`, nil leaves a field alone and "" clears it.
public struct ContactFields: Codable, Sendable {
  public var name: String?
  public var circles: [String]?
  public var addCircles: [String]?
  public var removeCircles: [String]?
  /// `MM-DD`, `--MM-DD` or `YYYY-MM-DD`.
  public var birthday: String?
  /// "2 weeks", "quarterly"…
  public var every: String?
  public var emails: [String]?
  public var phones: [String]?
  public var linkedin: String?
  public var company: String?
  public var position: String?
  public var note: String?
  /// `label=MM-DD` (or `label=YYYY-MM-DD`) yearly dates to add or replace.
  public var dates: [String]?
  public var removeDates: [String]?

  enum CodingKeys: String, CodingKey {
    case name, circles
    case addCircles = "add_circles"
    case removeCircles = "remove_circles"
    case birthday, every, emails, phones, linkedin, company, position, note, dates
    case removeDates = "remove_dates"
  }

  public init() {}
}

public struct AddArgs: Codable, Sendable {
  public var id: String?
  public var fields: ContactFields

  public init(id: String?, fields: ContactFields) {
    self.id = id
    self.fields = fields
  }
}

public struct EditArgs: Codable, Sendable {
  public var ref: String
  public var fields: ContactFields

  public init(ref: String, fields: ContactFields) {
    self.ref = ref
    self.fields = fields
  }
}

public struct ImportArgs: Codable, Sendable {
  /// Absolute paths: the daemon reads them.
  public var paths: [String]
  public var format: String?
  public var circle: String?
  public var dryRun: Bool?
  /// Import category → circle.
  public var categoryCircles: [String: String]?
  /// kith field → CSV column.
  public var map: [String: String]?

  enum CodingKeys: String, CodingKey {
    case paths, format, circle
    case dryRun = "dry_run"
    case categoryCircles = "category_circles"
    case map
  }

  public init(
    paths: [String], format: String?, circle: String?, dryRun: Bool?,
    categoryCircles: [String: String]?, map: [String: String]?
  ) {
    self.paths = paths
    self.format = format
    self.circle = circle
    self.dryRun = dryRun
    self.categoryCircles = categoryCircles
    self.map = map
  }
}

public struct ExportArgs: Codable, Sendable {
  /// `ics`, `vcard`, `csv` or `json`.
  public var format: String

  public init(format: String) { self.format = format }
}
