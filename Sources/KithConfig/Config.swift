import Foundation
import KithCore

/// A loaded configuration: the policy the time rules use, and where it came from.
public struct Config: Sendable, Equatable {
  public var policy: Policy
  /// The configured zone name; nil means the system's zone.
  public var timeZoneName: String?
  /// The file it was read from, or nil for the built-in default.
  public var path: String?

  public init(policy: Policy, timeZoneName: String?, path: String?) {
    self.policy = policy
    self.timeZoneName = timeZoneName
    self.path = path
  }

  /// The built-in default, with the system zone as it is now.
  public static func builtIn() -> Config {
    // The default text is part of the program; failing to parse it is a bug caught by tests.
    try! ConfigParser.parse(DefaultConfig.text, file: "built-in default")
  }

  /// Loads the file at `path`; when `path` is the default location and no file is there, the
  /// built-in default applies. An explicitly named file must exist.
  public static func load(path: String, explicit: Bool) throws(ConfigError) -> Config {
    guard FileManager.default.fileExists(atPath: path) else {
      if explicit {
        throw ConfigError([
          ConfigProblem(
            file: path, line: nil, column: nil, key: nil, message: "No such config file")
        ])
      }
      return builtIn()
    }
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw ConfigError([
          ConfigProblem(
            file: path, line: nil, column: nil, key: nil, message: "File is not UTF-8 text")
        ])
      }
      text = decoded
    } catch let error as ConfigError {
      throw error
    } catch {
      throw ConfigError([
        ConfigProblem(
          file: path, line: nil, column: nil, key: nil,
          message: "Failed to read: \(error.localizedDescription)")
      ])
    }
    var config = try ConfigParser.parse(text, file: path)
    config.path = path
    return config
  }
}
