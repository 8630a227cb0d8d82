import ArgumentParser
import KithConfig
import KithCore

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Work with the config file.",
    subcommands: [Check.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate a config file; print every problem with its line and column.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The file to check (default: the config kith would use).")
    var path: String?

    func run() throws {
      let paths = Paths.resolve(
        config: path ?? global.config, stateDirectory: global.stateDir, socket: global.socket)
      do {
        let config = try Config.load(path: paths.config, explicit: paths.configIsExplicit)
        let circles = config.policy.circles.keys.sorted().joined(separator: ", ")
        print("\(config.path ?? "built-in default (no \(paths.config))"): OK (circles: \(circles))")
      } catch {
        Output.error(error.description)
        throw ExitCode(78)
      }
    }
  }
}
