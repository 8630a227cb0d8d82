import Foundation
import Testing

/// Runs the real `kith` and `kithd` binaries against a temporary config, state dir and socket.
final class Harness {
  let root: URL
  var environment: [String: String]

  static let binDirectory: URL = {
    // The test runner lives beside the products it was built with.
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    while directory.path != "/" {
      if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("kith").path)
      {
        return directory
      }
      directory = directory.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug")
  }()

  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  init(timezone: String = "America/New_York", extraConfig: String = "") throws {
    root = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("kith-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["KITH_STATE_DIR"] = root.appendingPathComponent("state").path
    environment["KITH_SOCKET"] = root.appendingPathComponent("run/kith.sock").path
    environment["KITH_CONFIG"] = root.appendingPathComponent("kith.toml").path
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "NOTIFY_SOCKET")
    environment.removeValue(forKey: "LISTEN_FDS")
    self.environment = environment
    let config =
      "timezone = \"\(timezone)\"\n"
      + (extraConfig.isEmpty
        ? "[circles.core]\nevery = \"1 month\"\n[circles.recruiters]\nevery = \"3 months\"\n"
        : extraConfig)
    try writeConfig(config)
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  var configPath: String { environment["KITH_CONFIG"]! }
  var databasePath: String { environment["KITH_STATE_DIR"]! + "/kith.sqlite" }

  func writeConfig(_ text: String) throws {
    try text.write(toFile: configPath, atomically: true, encoding: .utf8)
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `kith` with `arguments` and waits for it (bounded).
  @discardableResult
  func kith(_ arguments: String...) throws -> Result {
    try run("kith", arguments)
  }

  func run(_ binary: String, _ arguments: [String]) throws -> Result {
    try runTool(Self.binDirectory.appendingPathComponent(binary).path, arguments)
  }

  /// Runs any program with the harness's environment.
  func runTool(_ path: String, _ arguments: [String]) throws -> Result {
    try runCommand(path, arguments, environment: environment)
  }

  /// Runs `kith ARGS --json` and decodes the output.
  func json(_ arguments: String...) throws -> Any {
    let result = try run("kith", arguments + ["--json"])
    #expect(result.status == 0, "kith \(arguments) failed: \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  /// The JSON backup `kith export --format json` prints.
  func backup() throws -> Any {
    let result = try run("kith", ["export", "--format", "json"])
    #expect(result.status == 0, "kith export failed: \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  func reminders(_ arguments: String...) throws -> [[String: Any]] {
    let result = try run("kith", arguments + ["--json"])
    #expect(result.status == 0, "kith \(arguments) failed: \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
      ?? []
  }

  /// YYYY-MM-DD, `days` from today in `zone`.
  static func day(_ days: Int, zone: String = "America/New_York") -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    let date = calendar.date(byAdding: .day, value: days, to: Date())!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }
}
