import Foundation
import KithConfig
import KithCore
import Testing

@Suite("Config")
struct ConfigTests {
  /// The repository root, found from this file with symlinks resolved.
  static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("The built-in default equals config/kith.toml byte for byte")
  func defaultMatchesFile() throws {
    let file = Self.repositoryRoot.appendingPathComponent("config/kith.toml")
    let bytes = try Data(contentsOf: file)
    #expect(bytes == Data(DefaultConfig.text.utf8))
  }

  @Test("The built-in default parses to the documented values")
  func defaultParses() throws {
    let config = try ConfigParser.parse(DefaultConfig.text, file: "kith.toml")
    #expect(config.timeZoneName == nil)
    #expect(config.policy.notifyAt == WallTime(hour: 9, minute: 0))
    #expect(config.policy.days == Set(Weekday.allCases))
    #expect(config.policy.renotifyDays == 1)
    #expect(
      config.policy.circles == [
        "core": Cadence(count: 1, unit: .month), "friends": Cadence(count: 2, unit: .month),
        "recruiters": Cadence(count: 3, unit: .month),
        "colleagues": Cadence(count: 6, unit: .month),
      ])
    #expect(config.policy.lead == 0)
    #expect(config.policy.feb29 == .feb28)
    #expect(Config.builtIn().policy == config.policy)
    #expect(Config.builtIn().path == nil)
  }

  /// The example in DESIGN.md §4, verbatim.
  static let designExample = """
    timezone = "Europe/Berlin"                  # optional; default: system zone
    notify_at = "09:00"
    days = ["mon", "tue", "wed", "thu", "fri"]  # default: all seven
    renotify = "1d"                             # or "never"

    [circles.core]
    every = "1 month"

    [circles.recruiters]
    every = "3 months"                          # "quarterly", "monthly"... too

    [circles.colleagues]
    every = "6 months"

    [birthdays]
    lead = "0d"
    feb29 = "feb28"                             # or "mar1"

    """

  @Test("The example in DESIGN.md parses with its values")
  func designExampleParses() throws {
    let config = try ConfigParser.parse(Self.designExample, file: "kith.toml")
    #expect(config.timeZoneName == "Europe/Berlin")
    #expect(config.policy.timeZone.identifier == "Europe/Berlin")
    #expect(config.policy.notifyAt == WallTime(hour: 9, minute: 0))
    #expect(config.policy.days == [.mon, .tue, .wed, .thu, .fri])
    #expect(config.policy.renotifyDays == 1)
    #expect(
      config.policy.circles == [
        "core": Cadence(count: 1, unit: .month), "recruiters": Cadence(count: 3, unit: .month),
        "colleagues": Cadence(count: 6, unit: .month),
      ])
    #expect(config.policy.lead == 0)
    #expect(config.policy.feb29 == .feb28)
  }

  @Test(
    "Other valid values",
    arguments: [
      ("renotify = \"never\"", Policy(renotifyDays: nil)),
      ("renotify = \"3d\"", Policy(renotifyDays: 3)),
      ("notify_at = \"7:05\"", Policy(notifyAt: WallTime(hour: 7, minute: 5)!)),
      ("days = [\"sat\", \"sunday\"]", Policy(days: [.sat, .sun])),
      ("[birthdays]\nlead = \"3d\"\nfeb29 = \"mar1\"", Policy(lead: 3, feb29: .mar1)),
      ("[circles.team]\nevery = \"quarterly\"", Policy(circles: ["team": Cadence("3 months")!])),
      ("[circles.a-b_1]\nevery = \"2w\"", Policy(circles: ["a-b_1": Cadence("2 weeks")!])),
      ("", Policy()),
    ])
  func validValues(text: String, expected: Policy) throws {
    let config = try ConfigParser.parse(text, file: "kith.toml")
    #expect(config.policy == expected, "\(text)")
  }
}

/// One bad config and the problem it must produce.
struct BadConfig: Sendable, CustomTestStringConvertible {
  let name: String
  let text: String
  let line: Int?
  let column: Int?
  let key: String?
  /// Text the message must contain, such as the accepted values.
  let mentions: [String]

  var testDescription: String { name }
}

@Suite("Config errors")
struct ConfigErrorTests {
  static let days = "\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\""

  static let cases: [BadConfig] = [
    BadConfig(
      name: "TOML syntax error", text: "notify_at = \"09:00\"\nrenotify = = \"1d\"\n", line: 2,
      column: 12, key: nil, mentions: []),
    BadConfig(
      name: "unknown top-level key", text: "# when\nnotify_time = \"09:00\"\n", line: 2, column: 1,
      key: "notify_time",
      mentions: [
        "unknown key", "timezone", "notify_at", "days", "renotify", "circles", "birthdays",
      ]),
    BadConfig(
      name: "unknown table", text: "[birthday]\nlead = \"1d\"\n", line: 1, column: 1,
      key: "birthday", mentions: ["unknown key", "birthdays"]),
    BadConfig(
      name: "bad cadence", text: "[circles.core]\nevery = \"1 mnth\"\n", line: 2, column: 9,
      key: "circles.core.every", mentions: ["\"1 mnth\"", Cadence.acceptedForms]),
    BadConfig(
      name: "bad notify_at", text: "notify_at = \"9am\"\n", line: 1, column: 13, key: "notify_at",
      mentions: ["\"9am\"", "HH:MM"]),
    BadConfig(
      name: "notify_at out of range", text: "notify_at = \"24:00\"\n", line: 1, column: 13,
      key: "notify_at", mentions: ["\"24:00\"", "HH:MM"]),
    BadConfig(
      name: "bad day", text: "days = [\"mon\", \"funday\"]\n", line: 1, column: 8, key: "days",
      mentions: ["funday", days]),
    BadConfig(
      name: "empty days", text: "days = []\n", line: 1, column: 8, key: "days",
      mentions: ["no delivery days", days]),
    BadConfig(
      name: "days not a list", text: "days = \"mon\"\n", line: 1, column: 8, key: "days",
      mentions: [days]),
    BadConfig(
      name: "bad renotify", text: "renotify = \"daily\"\n", line: 1, column: 12, key: "renotify",
      mentions: ["\"daily\"", "\"1d\"", "\"never\""]),
    BadConfig(
      name: "renotify zero", text: "renotify = \"0d\"\n", line: 1, column: 12, key: "renotify",
      mentions: ["\"0d\"", "\"never\""]),
    BadConfig(
      name: "bad feb29", text: "[birthdays]\nfeb29 = \"feb30\"\n", line: 2, column: 9,
      key: "birthdays.feb29", mentions: ["\"feb30\"", "\"feb28\"", "\"mar1\""]),
    BadConfig(
      name: "bad lead", text: "[birthdays]\n  lead = \"3 days\"\n", line: 2, column: 10,
      key: "birthdays.lead", mentions: ["\"3 days\"", "\"0d\""]),
    BadConfig(
      name: "lead too long", text: "[birthdays]\nlead = \"400d\"\n", line: 2, column: 8,
      key: "birthdays.lead", mentions: ["\"366d\""]),
    BadConfig(
      name: "unknown time zone", text: "timezone = \"Mars/Olympus\"\n", line: 1, column: 12,
      key: "timezone", mentions: ["Mars/Olympus", "IANA", "Europe/Berlin"]),
    BadConfig(
      name: "wrong type", text: "notify_at = 9\n", line: 1, column: 13, key: "notify_at",
      mentions: ["string", "HH:MM"]),
    BadConfig(
      name: "cadence of the wrong type", text: "[circles.core]\nevery = 30\n", line: 2,
      column: 9, key: "circles.core.every", mentions: ["string", Cadence.acceptedForms]),
    BadConfig(
      name: "circle not a table", text: "[circles]\ncore = \"1 month\"\n", line: 2, column: 8,
      key: "circles.core", mentions: ["[circles.core]"]),
    BadConfig(
      name: "bad circle name", text: "[circles.Core]\nevery = \"1 month\"\n", line: 1, column: 1,
      key: "circles.Core", mentions: ["lowercase"]),
    BadConfig(
      name: "circle without every", text: "[circles.core]\n", line: 1, column: 1,
      key: "circles.core", mentions: ["every", Cadence.acceptedForms]),
  ]

  @Test("Each bad config gives one problem with its file, line, column and key", arguments: cases)
  func problem(bad: BadConfig) throws {
    let error = try #require(throws: ConfigError.self) {
      try ConfigParser.parse(bad.text, file: "/home/me/.config/kith/kith.toml")
    }
    #expect(error.problems.count == 1, "\(error)")
    let problem = try #require(error.problems.first)
    #expect(problem.file == "/home/me/.config/kith/kith.toml")
    #expect(problem.line == bad.line)
    #expect(problem.column == bad.column)
    #expect(problem.key == bad.key)
    for mention in bad.mentions {
      #expect(problem.message.contains(mention), "\(problem.message) should mention \(mention)")
    }
    var prefix = "/home/me/.config/kith/kith.toml"
    if let line = bad.line { prefix += ":\(line)" }
    if let column = bad.column { prefix += ":\(column)" }
    #expect(problem.description.hasPrefix(prefix + ": " + (bad.key.map { "\($0): " } ?? "")))
  }

  @Test("A typo in a circle's key is reported together with the missing every")
  func circleKeyTypo() throws {
    let error = try #require(throws: ConfigError.self) {
      try ConfigParser.parse("[circles.core]\nevry = \"1 month\"\n", file: "kith.toml")
    }
    #expect(
      error.problems.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.key ?? "")" } == [
        "2:1 circles.core.evry", "1:1 circles.core",
      ])
    #expect(error.problems.first?.message.contains("accepted here: every") == true)
  }

  @Test("Every problem in a file is reported")
  func severalProblems() throws {
    let text = """
      notify_at = "9am"
      days = ["mon", "funday"]
      renotify = "sometimes"
      colour = "always"

      [circles.core]
      every = "1 mnth"

      [circles.friends]
      every = "2 months"

      [birthdays]
      feb29 = "feb30"
      lead = "soon"

      """
    let error = try #require(throws: ConfigError.self) {
      try ConfigParser.parse(text, file: "kith.toml")
    }
    #expect(
      Set(error.problems.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.key ?? "")" }) == [
        "1:13 notify_at", "2:8 days", "3:12 renotify", "4:1 colour", "7:9 circles.core.every",
        "13:9 birthdays.feb29", "14:8 birthdays.lead",
      ])
    #expect(error.description.split(separator: "\n").count == 7)
  }
}

@Suite("Loading config files")
struct ConfigLoadTests {
  /// A fresh directory for one test.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("kith-config-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("A missing file at the default path means the built-in default")
  func missingDefault() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = try Config.load(path: directory.path + "/kith/kith.toml", explicit: false)
    #expect(config == Config.builtIn())
    #expect(config.path == nil)
  }

  @Test("A missing file named explicitly is an error naming it")
  func missingExplicit() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.path + "/nope.toml"
    let error = try #require(throws: ConfigError.self) {
      try Config.load(path: path, explicit: true)
    }
    #expect(error.problems.map(\.file) == [path])
    #expect(error.description.contains(path))
  }

  @Test("A file is read, and its problems name it", arguments: [false, true])
  func existing(explicit: Bool) throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = directory.path + "/good.toml"
    try Data("notify_at = \"08:30\"\n".utf8).write(to: URL(fileURLWithPath: good))
    let config = try Config.load(path: good, explicit: explicit)
    #expect(config.path == good)
    #expect(config.policy.notifyAt == WallTime(hour: 8, minute: 30))

    let bad = directory.path + "/bad.toml"
    try Data("\n[circles.core]\nevery = \"1 mnth\"\n".utf8).write(to: URL(fileURLWithPath: bad))
    let error = try #require(throws: ConfigError.self) {
      try Config.load(path: bad, explicit: explicit)
    }
    #expect(
      error.problems.map(\.description).first?.hasPrefix(bad + ":3:9: circles.core.every: ") == true
    )
  }
}

@Suite("Paths")
struct PathsTests {
  static let home = ["HOME": "/home/me"]
  static let xdg = [
    "HOME": "/home/me", "XDG_CONFIG_HOME": "/xdg/config", "XDG_STATE_HOME": "/xdg/state",
    "XDG_RUNTIME_DIR": "/run/user/1000",
  ]
  static let kith = xdg.merging([
    "KITH_CONFIG": "/kith/kith.toml", "KITH_STATE_DIR": "/kith/state",
    "KITH_SOCKET": "/kith/kith.sock",
  ]) { $1 }

  @Test(
    "Flags win over KITH_* variables, which win over XDG_*, which win over HOME",
    arguments: [
      (
        "HOME only", home, false,
        Paths(
          config: "/home/me/.config/kith/kith.toml", configIsExplicit: false,
          stateDirectory: "/home/me/.local/state/kith",
          socket: "/tmp/kith-\(getuid())/kith/kith.sock")
      ),
      (
        "XDG", xdg, false,
        Paths(
          config: "/xdg/config/kith/kith.toml", configIsExplicit: false,
          stateDirectory: "/xdg/state/kith", socket: "/run/user/1000/kith/kith.sock")
      ),
      (
        "empty XDG values are unset",
        home.merging(["XDG_CONFIG_HOME": "", "XDG_STATE_HOME": "", "KITH_CONFIG": ""]) { $1 },
        false,
        Paths(
          config: "/home/me/.config/kith/kith.toml", configIsExplicit: false,
          stateDirectory: "/home/me/.local/state/kith",
          socket: "/tmp/kith-\(getuid())/kith/kith.sock")
      ),
      (
        "KITH_*", kith, false,
        Paths(
          config: "/kith/kith.toml", configIsExplicit: true, stateDirectory: "/kith/state",
          socket: "/kith/kith.sock")
      ),
      (
        "flags", kith, true,
        Paths(
          config: "/flag/kith.toml", configIsExplicit: true, stateDirectory: "/flag/state",
          socket: "/flag/kith.sock")
      ),
      (
        "flags without environment", home, true,
        Paths(
          config: "/flag/kith.toml", configIsExplicit: true, stateDirectory: "/flag/state",
          socket: "/flag/kith.sock")
      ),
    ] as [(String, [String: String], Bool, Paths)])
  func precedence(name: String, environment: [String: String], flags: Bool, expected: Paths) {
    let paths = Paths.resolve(
      config: flags ? "/flag/kith.toml" : nil, stateDirectory: flags ? "/flag/state" : nil,
      socket: flags ? "/flag/kith.sock" : nil, environment: environment)
    #expect(paths == expected, "\(name)")
    #expect(paths.database == expected.stateDirectory + "/kith.sqlite")
  }
}
