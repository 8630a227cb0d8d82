import Foundation
import KithCore
import TOMLKit

/// Reads kith's TOML into a ``Config``, collecting every problem with its position.
public enum ConfigParser {
  static let topKeys = ["timezone", "notify_at", "days", "renotify", "circles", "birthdays"]
  static let circleKeys = ["every"]
  static let birthdayKeys = ["lead", "feb29"]

  public static func parse(_ text: String, file: String) throws(ConfigError) -> Config {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigError([
        ConfigProblem(
          file: file, line: error.source.begin.line, column: error.source.begin.column, key: nil,
          message: error.description)
      ])
    } catch {
      throw ConfigError([
        ConfigProblem(file: file, line: nil, column: nil, key: nil, message: "\(error)")
      ])
    }
    var reader = Reader(file: file, locator: KeyLocator(text: text))
    let config = reader.read(table)
    if !reader.problems.isEmpty { throw ConfigError(reader.problems) }
    return config!
  }

  private struct Reader {
    let file: String
    let locator: KeyLocator
    var problems: [ConfigProblem] = []

    mutating func read(_ table: TOMLTable) -> Config? {
      var policy = Policy()
      unknownKeys(in: table, path: [], allowed: ConfigParser.topKeys)
      var zoneName: String?
      if let value = table["timezone"] {
        if let name = string(value, ["timezone"], accepted: "an IANA zone name") {
          if let zone = TimeZone(identifier: name) {
            policy.timeZone = zone
            zoneName = name
          } else {
            problem(
              ["timezone"],
              "unknown time zone \"\(name)\"; accepted: an IANA zone name such as "
                + "\"Europe/Berlin\" or \"UTC\"")
          }
        }
      }
      if let value = table["notify_at"],
        let text = string(value, ["notify_at"], accepted: "\"HH:MM\"")
      {
        if let time = WallTime(text) {
          policy.notifyAt = time
        } else {
          problem(
            ["notify_at"], "cannot read \"\(text)\" as a time; accepted: \"HH:MM\", 00:00 to 23:59")
        }
      }
      if let value = table["days"] { policy.days = days(value) ?? policy.days }
      if let value = table["renotify"],
        let text = string(value, ["renotify"], accepted: "\"Nd\" or \"never\"")
      {
        if text == "never" {
          policy.renotifyDays = nil
        } else if let n = dayCount(text), n >= 1 {
          policy.renotifyDays = n
        } else {
          problem(
            ["renotify"],
            "cannot read \"\(text)\"; accepted: \"1d\" (any number of days) or \"never\"")
        }
      }
      if let value = table["circles"] {
        if let circles = value.table {
          policy.circles = self.circles(circles)
        } else {
          problem(["circles"], "expected a table of circles such as [circles.core]")
        }
      }
      if let value = table["birthdays"] {
        if let birthdays = value.table {
          unknownKeys(in: birthdays, path: ["birthdays"], allowed: ConfigParser.birthdayKeys)
          if let lead = birthdays["lead"],
            let text = string(lead, ["birthdays", "lead"], accepted: "\"Nd\"")
          {
            if let n = dayCount(text), n <= 366 {
              policy.lead = n
            } else {
              problem(
                ["birthdays", "lead"], "cannot read \"\(text)\"; accepted: \"0d\" to \"366d\"")
            }
          }
          if let feb29 = birthdays["feb29"],
            let text = string(feb29, ["birthdays", "feb29"], accepted: "\"feb28\" or \"mar1\"")
          {
            if let rule = Policy.Feb29Rule(rawValue: text) {
              policy.feb29 = rule
            } else {
              problem(
                ["birthdays", "feb29"], "unknown value \"\(text)\"; accepted: \"feb28\" or \"mar1\""
              )
            }
          }
        } else {
          problem(["birthdays"], "expected a table: [birthdays]")
        }
      }
      return problems.isEmpty ? Config(policy: policy, timeZoneName: zoneName, path: nil) : nil
    }

    mutating func circles(_ table: TOMLTable) -> [String: Cadence] {
      var result: [String: Cadence] = [:]
      for name in table.keys.sorted() {
        let path = ["circles", name]
        guard Self.isValidCircleName(name) else {
          problem(path, "circle names use lowercase letters, digits, \"-\" and \"_\"")
          continue
        }
        guard let circle = table[name]?.table else {
          problem(path, "expected a table: [circles.\(name)] with every = \"...\"")
          continue
        }
        unknownKeys(in: circle, path: path, allowed: ConfigParser.circleKeys)
        guard let every = circle["every"] else {
          problem(path, "missing key \"every\"; accepted: \(Cadence.acceptedForms)")
          continue
        }
        guard let text = string(every, path + ["every"], accepted: Cadence.acceptedForms) else {
          continue
        }
        if let cadence = Cadence(text) {
          result[name] = cadence
        } else {
          problem(path + ["every"], "cannot read \"\(text)\"; accepted: \(Cadence.acceptedForms)")
        }
      }
      return result
    }

    mutating func days(_ value: any TOMLValueConvertible) -> Set<Weekday>? {
      let accepted = "a list of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\""
      guard let array = value.array else {
        problem(["days"], "expected \(accepted)")
        return nil
      }
      var days: Set<Weekday> = []
      for element in array {
        guard let name = element.string, let day = Weekday(name: name) else {
          problem(
            ["days"], "cannot read \(element.debugDescription) as a day; accepted: \(accepted)")
          return nil
        }
        days.insert(day)
      }
      guard !days.isEmpty else {
        problem(["days"], "no delivery days; accepted: \(accepted) with at least one day")
        return nil
      }
      return days
    }

    mutating func string(
      _ value: any TOMLValueConvertible, _ path: [String], accepted: String
    ) -> String? {
      guard let text = value.string else {
        problem(path, "expected a string; accepted: \(accepted)")
        return nil
      }
      return text
    }

    mutating func unknownKeys(in table: TOMLTable, path: [String], allowed: [String]) {
      for key in table.keys.sorted() where !allowed.contains(key) {
        problem(
          path + [key], "unknown key; accepted here: \(allowed.joined(separator: ", "))",
          at: locator.keyPosition(of: path + [key]))
      }
    }

    mutating func problem(
      _ path: [String], _ message: String, at keyPosition: (line: Int, column: Int)? = nil
    ) {
      let position = keyPosition ?? locator.position(of: path)
      problems.append(
        ConfigProblem(
          file: file, line: position?.line, column: position?.column,
          key: path.joined(separator: "."), message: message))
    }

    func dayCount(_ text: String) -> Int? {
      guard text.hasSuffix("d"), let n = Int(text.dropLast()), n >= 0 else { return nil }
      return n
    }

    static func isValidCircleName(_ name: String) -> Bool {
      !name.isEmpty && name.count <= 40
        && name.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
  }
}
