import Foundation

/// Where kith keeps its files: flags win over environment variables, which win over XDG.
public struct Paths: Sendable, Equatable {
  public var config: String
  /// Whether the config path was named by a flag or KITH_CONFIG, so it must exist.
  public var configIsExplicit: Bool
  public var stateDirectory: String
  public var socket: String

  public var database: String { stateDirectory + "/kith.sqlite" }

  public init(config: String, configIsExplicit: Bool, stateDirectory: String, socket: String) {
    self.config = config
    self.configIsExplicit = configIsExplicit
    self.stateDirectory = stateDirectory
    self.socket = socket
  }

  public static func resolve(
    config: String? = nil, stateDirectory: String? = nil, socket: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Paths {
    func nonEmpty(_ key: String) -> String? {
      environment[key].flatMap { $0.isEmpty ? nil : $0 }
    }
    let home = nonEmpty("HOME") ?? NSHomeDirectory()
    let explicitConfig = config ?? nonEmpty("KITH_CONFIG")
    let configHome = nonEmpty("XDG_CONFIG_HOME") ?? home + "/.config"
    let stateHome = nonEmpty("XDG_STATE_HOME") ?? home + "/.local/state"
    let runtime = nonEmpty("XDG_RUNTIME_DIR") ?? "/tmp/kith-\(getuid())"
    return Paths(
      config: explicitConfig ?? configHome + "/kith/kith.toml",
      configIsExplicit: explicitConfig != nil,
      stateDirectory: stateDirectory ?? nonEmpty("KITH_STATE_DIR") ?? stateHome + "/kith",
      socket: socket ?? nonEmpty("KITH_SOCKET") ?? runtime + "/kith/kith.sock")
  }
}
