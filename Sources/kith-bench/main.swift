import Foundation
import KithCore

// kith-bench: generates a dataset and times kith's scheduling core on it (DESIGN.md §10).
// Arguments are parsed by hand to keep the tool free of packages beyond KithCore.

/// The help text, printed with `--help` and after a usage error.
let usage = """
  usage: kith-bench generate --contacts N --seed S --out DIR [--today YYYY-MM-DD]
         kith-bench next --data DIR [--now ISO8601] [--zone IANA-NAME] [--runs K] [--dump FILE]

  generate  writes DIR/contacts.tsv and DIR/birthdays.rem (a Remind script); the output
            depends only on N, S and --today (default: today's UTC date).
  next      loads DIR/contacts.tsv and times computing the current reminders of every
            contact (default --now: the current time; --zone: the system zone); --dump
            writes every reminder computed, one a line, to compare planner versions.
  """

/// A command line that cannot be run; the message goes to standard error with the usage.
struct UsageError: Error {
  var message: String
}

/// A repeated run that computed other reminders than the first: the planner is not pure.
struct InconsistentRun: Error, CustomStringConvertible {
  var run: Int

  var description: String { "run \(run) computed a different checksum than run 1" }
}

/// Reads `--name value` pairs, accepting only `allowed` names, each at most once.
func parseOptions(_ arguments: ArraySlice<String>, allowed: Set<String>) throws -> [String: String]
{
  var options: [String: String] = [:]
  var rest = arguments
  while let name = rest.popFirst() {
    guard name.hasPrefix("--"), allowed.contains(String(name.dropFirst(2))) else {
      throw UsageError(message: "unknown option \(name)")
    }
    guard let value = rest.popFirst() else {
      throw UsageError(message: "\(name) needs a value")
    }
    guard options.updateValue(value, forKey: String(name.dropFirst(2))) == nil else {
      throw UsageError(message: "\(name) given twice")
    }
  }
  return options
}

/// The value of a required option.
func required(_ options: [String: String], _ name: String) throws -> String {
  guard let value = options[name] else { throw UsageError(message: "--\(name) is required") }
  return value
}

/// Formats seconds with three decimals.
func threeDecimals(_ seconds: Double) -> String {
  String(format: "%.3f", seconds)
}

/// Runs `generate`.
func generate(_ arguments: ArraySlice<String>) throws {
  let options = try parseOptions(arguments, allowed: ["contacts", "seed", "out", "today"])
  guard let count = Int(try required(options, "contacts")), count >= 1 else {
    throw UsageError(message: "--contacts needs a positive integer")
  }
  guard let seed = UInt64(try required(options, "seed")) else {
    throw UsageError(message: "--seed needs a non-negative integer")
  }
  let out = URL(fileURLWithPath: try required(options, "out"))
  var today = LocalCalendar(timeZone: TimeZone(identifier: "UTC")!).date(of: Date())
  if let text = options["today"] {
    guard let date = CivilDate(text) else {
      throw UsageError(message: "--today needs YYYY-MM-DD")
    }
    today = date
  }
  let generator = DatasetGenerator(options: .init(count: count, seed: seed, today: today))
  let summary = try generator.write(to: out)
  print(
    "wrote \(summary.contacts) contacts to \(out.path)/contacts.tsv "
      + "(\(summary.withInteraction) with an interaction up to \(today), "
      + "\(summary.withDates) with yearly dates)")
  print(
    "wrote \(summary.birthdays) birthdays to \(out.path)/birthdays.rem "
      + "(\(summary.birthdaysWithoutYear) without year, \(summary.feb29) on Feb 29)")
}

/// Runs `next`.
func next(_ arguments: ArraySlice<String>) throws {
  let options = try parseOptions(arguments, allowed: ["data", "now", "zone", "runs", "dump"])
  let data = URL(fileURLWithPath: try required(options, "data"))
  var now = Date()
  if let text = options["now"] {
    guard let date = LocalCalendar.parseISO8601(text) else {
      throw UsageError(message: "--now needs ISO 8601, such as 2026-11-24T10:00:00+01:00")
    }
    now = date
  }
  var zone = TimeZone.current
  if let name = options["zone"] {
    guard let named = TimeZone(identifier: name) else {
      throw UsageError(message: "unknown time zone \(name)")
    }
    zone = named
  }
  let runs = Int(options["runs"] ?? "1") ?? 0
  guard runs >= 1 else { throw UsageError(message: "--runs needs a positive integer") }

  let policy = NextOccurrenceBenchmark.defaultPolicy(timeZone: zone)
  let calendar = policy.calendar
  // Every contact counts as added a year before `now`, at local midnight.
  let added = calendar.instant(calendar.date(of: now).adding(days: -365), secondsIntoDay: 0)
  let clock = ContinuousClock()
  let loadStart = clock.now
  let contacts = try DatasetLoader.load(data.appendingPathComponent("contacts.tsv"), added: added)
  let loadTime = clock.now - loadStart
  print(
    "loaded \(contacts.count) contacts in \(threeDecimals(loadTime.seconds)) s (not timed below)"
  )
  print("now \(calendar.iso8601(now)) in \(zone.identifier)")

  let benchmark = NextOccurrenceBenchmark(planner: Planner(policy: policy), now: now)
  var best: Duration?
  var checksum = NextOccurrenceBenchmark.Checksum()
  for run in 1...runs {
    let start = clock.now
    let result = benchmark.run(contacts)
    let elapsed = clock.now - start
    if run > 1, result != checksum {
      throw InconsistentRun(run: run)
    }
    checksum = result
    best = min(best ?? elapsed, elapsed)
    if runs > 1 { print("run \(run): \(threeDecimals(elapsed.seconds)) s") }
  }
  if let path = options["dump"] {
    try benchmark.dump(contacts, calendar: calendar, to: URL(fileURLWithPath: path))
  }
  print(
    "checksum: \(checksum.reminders) reminders, \(checksum.dueNow) due now, "
      + "sum of due instants \(checksum.dueSeconds)")
  print(
    "kith next-occurrence: \(contacts.count) contacts, \(checksum.reminders) reminders, "
      + "\(threeDecimals(best!.seconds)) s")
}

var arguments = CommandLine.arguments.dropFirst()
do {
  switch arguments.popFirst() {
  case "generate": try generate(arguments)
  case "next": try next(arguments)
  case "-h", "--help", "help":
    print(usage)
  default:
    throw UsageError(message: "expected a subcommand: generate or next")
  }
} catch let error as UsageError {
  FileHandle.standardError.write(Data("kith-bench: \(error.message)\n\(usage)\n".utf8))
  exit(2)
} catch {
  FileHandle.standardError.write(Data("kith-bench: \(error)\n".utf8))
  exit(1)
}
