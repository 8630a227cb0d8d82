import Foundation
import KithCore

public struct HelloResult: Codable, Sendable {
  public var version: Int
  public var server: String
  public var pid: Int32

  public init(version: Int, server: String, pid: Int32) {
    self.version = version
    self.server = server
    self.pid = pid
  }
}

/// A contact with its history and current reminders (`show`).
public struct ContactDetail: Codable, Sendable {
  public var contact: Contact
  public var interactions: [Interaction]
  public var reminders: [ReminderJSON]

  public init(contact: Contact, interactions: [Interaction], reminders: [ReminderJSON]) {
    self.contact = contact
    self.interactions = interactions
    self.reminders = reminders
  }
}

/// What `ack`, `snooze` and `log` changed.
public struct ChangeResult: Codable, Sendable {
  public var contact: String
  public var reminders: [ReminderJSON]
  public var interaction: Interaction?
  /// The contact's reminders after the change.
  public var next: [ReminderJSON]

  public init(
    contact: String, reminders: [ReminderJSON], interaction: Interaction?, next: [ReminderJSON]
  ) {
    self.contact = contact
    self.reminders = reminders
    self.interaction = interaction
    self.next = next
  }
}

public struct CircleStatus: Codable, Sendable, Equatable {
  public var name: String
  public var every: String?
  public var contacts: Int
  public var onTrack: Int
  public var due: Int
  public var overdue: Int

  enum CodingKeys: String, CodingKey {
    case name, every, contacts
    case onTrack = "on_track"
    case due, overdue
  }

  public init(name: String, every: String?, contacts: Int, onTrack: Int, due: Int, overdue: Int) {
    self.name = name
    self.every = every
    self.contacts = contacts
    self.onTrack = onTrack
    self.due = due
    self.overdue = overdue
  }
}

public struct StatusResult: Codable, Sendable {
  public struct Daemon: Codable, Sendable {
    public var pid: Int32
    public var since: Date
    public var socket: String
    public var nextWake: String?

    enum CodingKeys: String, CodingKey {
      case pid, since, socket
      case nextWake = "next_wake"
    }

    public init(pid: Int32, since: Date, socket: String, nextWake: String?) {
      self.pid = pid
      self.since = since
      self.socket = socket
      self.nextWake = nextWake
    }
  }

  public var contacts: Int
  public var due: Int
  public var overdue: Int
  public var next: ReminderJSON?
  public var circles: [CircleStatus]
  public var timezone: String
  public var config: String
  /// The problem with the config file when a reload refused it; the old config still runs.
  public var configError: String?
  public var state: String
  /// Null when the CLI answered without the daemon.
  public var daemon: Daemon?

  enum CodingKeys: String, CodingKey {
    case contacts, due, overdue, next, circles, timezone, config
    case configError = "config_error"
    case state, daemon
  }

  public init(
    contacts: Int, due: Int, overdue: Int, next: ReminderJSON?, circles: [CircleStatus],
    timezone: String, config: String, configError: String?, state: String, daemon: Daemon?
  ) {
    self.contacts = contacts
    self.due = due
    self.overdue = overdue
    self.next = next
    self.circles = circles
    self.timezone = timezone
    self.config = config
    self.configError = configError
    self.state = state
    self.daemon = daemon
  }
}

public struct ExportResult: Codable, Sendable {
  public var format: String
  public var text: String

  public init(format: String, text: String) {
    self.format = format
    self.text = text
  }
}

/// What `import` did, or would do with `dry_run`.
public struct ImportReport: Codable, Sendable {
  public struct Entry: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var file: String
    public var line: Int
    /// Why it was merged or left alone, or which fields a merge filled in.
    public var reason: String?

    public init(id: String, name: String, file: String, line: Int, reason: String?) {
      self.id = id
      self.name = name
      self.file = file
      self.line = line
      self.reason = reason
    }
  }

  public var dryRun: Bool
  public var added: [Entry]
  public var merged: [Entry]
  public var unchanged: [Entry]
  /// Records not imported: "file:line: message".
  public var problems: [String]

  enum CodingKeys: String, CodingKey {
    case dryRun = "dry_run"
    case added, merged, unchanged, problems
  }

  public init(
    dryRun: Bool, added: [Entry], merged: [Entry], unchanged: [Entry], problems: [String]
  ) {
    self.dryRun = dryRun
    self.added = added
    self.merged = merged
    self.unchanged = unchanged
    self.problems = problems
  }
}

/// Everything kith stores, for `export --format json` and re-import.
public struct Backup: Codable, Sendable {
  public var kith: Int
  public var contacts: [Contact]
  public var interactions: [Interaction]

  public init(contacts: [Contact], interactions: [Interaction]) {
    self.kith = 1
    self.contacts = contacts
    self.interactions = interactions
  }
}
