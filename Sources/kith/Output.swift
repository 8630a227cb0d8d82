import Foundation
import KithCore
import KithProtocol

/// Human output: aligned columns, relative times, colour only on a terminal without NO_COLOR.
enum Output {
  static let useColor: Bool = {
    let environment = ProcessInfo.processInfo.environment
    return isatty(STDOUT_FILENO) != 0 && environment["NO_COLOR"] == nil
      && environment["TERM"] != "dumb"
  }()

  static func error(_ message: String) {
    FileHandle.standardError.write(Data("kith: \(message)\n".utf8))
  }

  static func json(_ value: some Encodable) {
    let data = try! Wire.encoder(pretty: true).encode(value)
    print(String(decoding: data, as: UTF8.self))
  }

  static func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Prints rows as columns padded to their widest cell; the last column is not padded.
  static func table(_ rows: [[String]], header: [String]? = nil) {
    let all = (header.map { [$0] } ?? []) + rows
    guard let width = all.first?.count else { return }
    let widths = (0..<width).map { column in all.map { $0[column].count }.max() ?? 0 }
    for (index, row) in all.enumerated() {
      let cells = row.enumerated().map { column, cell in
        column == width - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      let line = cells.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
      print(index == 0 && header != nil ? paint(line, "1") : line)
    }
  }

  /// "Mon 2026-11-30 09:00" in the configured zone.
  static func when(_ reminder: ReminderJSON) -> String {
    // due is "2026-11-30T09:00:00+01:00": the local wall time is the text itself.
    let date = String(reminder.due.prefix(10))
    let time = String(reminder.due.dropFirst(11).prefix(5))
    let weekday = CivilDate(date).map { $0.weekday.rawValue.capitalized } ?? ""
    return "\(weekday) \(date) \(time)"
  }

  static func relative(_ reminder: ReminderJSON, now: Date) -> String {
    guard let due = reminder.dueDate else { return "" }
    let text = RelativeTime.describe(due, from: now)
    if reminder.state == "snoozed" { return "snoozed, \(text)" }
    return text
  }

  static func reminders(_ reminders: [ReminderJSON], now: Date, empty: String) {
    guard !reminders.isEmpty else {
      print(empty)
      return
    }
    let rows = reminders.map { reminder in
      var relative = relative(reminder, now: now)
      if reminder.state == "due" {
        relative = paint(relative, (reminder.dueDate ?? now) < now - 7 * 86_400 ? "31" : "33")
      }
      return [
        reminder.id, when(reminder), relative, reminder.contact, kindLabel(reminder),
        reminder.circle ?? "",
      ]
    }
    table(rows, header: ["ID", "DUE", "WHEN", "CONTACT", "KIND", "CIRCLE"])
  }

  static func kindLabel(_ reminder: ReminderJSON) -> String {
    switch reminder.kind {
    case "touch": "keep in touch"
    case let kind where kind.hasPrefix("date:"): String(kind.dropFirst(5))
    default: reminder.kind
    }
  }
}
