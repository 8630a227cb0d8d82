import ArgumentParser
@preconcurrency import Foundation
import KithCore
import KithProtocol
import KithSystem

struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch", abstract: "Stream reminders and changes as kithd announces them.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let client = try Client(global, requireDaemon: true)
    _ = try client.call(.subscribe, NoArgs(), as: NoArgs.self)
    guard let connection = client.connection else { throw ExitCode(69) }
    while let line = try connection.readLine() {
      if output.json {
        emit(line)
        continue
      }
      guard let event = try? Wire.decoder().decode(Event.self, from: Data(line.utf8)) else {
        continue
      }
      let time = event.reminder.map { String($0.due.dropFirst(11).prefix(5)) } ?? ""
      let id = event.reminder?.id ?? ""
      emit(
        "\(time)  \(event.event.padding(toLength: 7, withPad: " ", startingAt: 0))  \(id)  \(event.message ?? "")"
      )
    }
    Output.error("kithd closed the connection")
    throw ExitCode(69)
  }

  /// Prints one line at once, so a pipe sees each event as it comes.
  private func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}
