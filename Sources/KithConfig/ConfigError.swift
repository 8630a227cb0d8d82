/// One thing wrong in a config file, with where it is.
public struct ConfigProblem: Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  /// Dotted key path such as `circles.core.every`, when the problem belongs to a key.
  public var key: String?
  public var message: String

  public init(file: String, line: Int?, column: Int?, key: String?, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.key = key
    self.message = message
  }

  /// `kith.toml:12:9: circles.core.every: cannot read "1 mnth"; accepted: …`
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let column { text += ":\(column)" }
    text += ": "
    if let key { text += "\(key): " }
    return text + message
  }
}

/// A config that cannot be used, with every problem found in it.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  public var problems: [ConfigProblem]

  public init(_ problems: [ConfigProblem]) {
    self.problems = problems
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
