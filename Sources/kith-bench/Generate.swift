import Foundation
import KithCore

/// Writes a synthetic address book: `contacts.tsv` for kith and `birthdays.rem` for remind.
///
/// The output is a function of the count, the seed and `today` only, so two runs with the same
/// arguments write the same bytes.
struct DatasetGenerator {
  /// The parameters of one dataset.
  struct Options {
    var count: Int
    var seed: UInt64
    /// Interactions fall in the 400 days up to and including this date.
    var today: CivilDate
  }

  /// How many contacts of each kind were written.
  struct Summary {
    var contacts = 0
    var birthdays = 0
    var birthdaysWithoutYear = 0
    var feb29 = 0
    var withDates = 0
    var withInteraction = 0
  }

  static let firstNames = [
    "Ada", "Alan", "Amara", "Anders", "Aoife", "Arjun", "Beatriz", "Bjørn", "Chen", "Chiara",
    "Dana", "Dmitri", "Elif", "Emeka", "Erik", "Fatima", "Felix", "Grace", "Hannah", "Hiroshi",
    "Ines", "Ivan", "Jana", "Jonas", "José", "Kamala", "Karim", "Lars", "Lea", "Liam", "Lucía",
    "Maja", "Mateo", "Mei", "Mira", "Nadia", "Niklas", "Noor", "Olga", "Omar", "Paul", "Priya",
    "Rafael", "Rosa", "Sami", "Sofia", "Søren", "Tariq", "Tomás", "Ursula", "Valentina",
    "Wen", "Yara", "Yusuf", "Zoë", "Zoltan",
  ]

  static let lastNames = [
    "Abara", "Almeida", "Andersen", "Becker", "Bianchi", "Castillo", "Chowdhury", "Dubois",
    "Eriksson", "Fischer", "García", "Hartmann", "Hoffmann", "Ivanova", "Jansen", "Kaya",
    "Kowalski", "Kuznetsov", "Lindqvist", "Lovelace", "Müller", "Nakamura", "Nguyen", "Novak",
    "Okafor", "Olsen", "Papadopoulos", "Petrov", "Quinn", "Rossi", "Sato", "Schmidt",
    "Schneider", "Silva", "Singh", "Svensson", "Tanaka", "Turing", "Urban", "Vogel", "Wagner",
    "Weber", "Wójcik", "Yilmaz", "Zhang", "Zimmermann",
  ]

  /// Circles with their weights in percent.
  static let circles: [(name: String, weight: Int)] = [
    ("core", 10), ("friends", 30), ("recruiters", 20), ("colleagues", 40),
  ]

  static let dateLabels = ["work anniversary", "name day", "wedding anniversary", "moved here"]

  static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  let options: Options

  /// Writes both files into `directory`, creating it when needed.
  func write(to directory: URL) throws -> Summary {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var random = SplitMix64(seed: options.seed)
    var summary = Summary()
    var tsv = ""
    var rem = ""
    tsv.reserveCapacity(options.count * 80)
    rem.reserveCapacity(options.count * 40)
    for index in 1...options.count {
      let name = random.pick(Self.firstNames) + " " + random.pick(Self.lastNames)
      let circles = drawCircles(&random)
      var birthday: MonthDay?
      if random.chance(90) {
        birthday = drawBirthday(&random)
      }
      var dates: [LabelledDate] = []
      if random.chance(20) {
        let labelCount = random.chance(10) ? 2 : 1
        var labels = Self.dateLabels
        for _ in 0..<labelCount {
          let label = labels.remove(at: random.below(labels.count))
          dates.append(LabelledDate(label: label, date: drawMonthDay(&random, year: nil)))
        }
      }
      var lastContact: CivilDate?
      if random.chance(60) {
        lastContact = options.today.adding(days: -random.below(400))
      }

      let id = "c" + Self.padded(index, width: 6)
      let dateField = dates.map { "\($0.label)=\(Self.monthDayText($0.date))" }
        .joined(separator: ";")
      let fields = [
        id, name, circles.joined(separator: ","), birthday?.description ?? "",
        lastContact?.description ?? "", dateField,
      ]
      tsv += fields.joined(separator: "\t")
      tsv += "\n"

      summary.contacts += 1
      if !dates.isEmpty { summary.withDates += 1 }
      if lastContact != nil { summary.withInteraction += 1 }
      if let birthday {
        summary.birthdays += 1
        if birthday.year == nil { summary.birthdaysWithoutYear += 1 }
        if birthday.month == 2, birthday.day == 29 { summary.feb29 += 1 }
        // remind accepts `Feb 29` as is and triggers it in leap years only.
        rem += "REM \(Self.monthAbbreviations[birthday.month - 1]) \(birthday.day) MSG "
        rem += "\(name)'s birthday\n"
      }
    }
    try Data(tsv.utf8).write(to: directory.appendingPathComponent("contacts.tsv"))
    try Data(rem.utf8).write(to: directory.appendingPathComponent("birthdays.rem"))
    return summary
  }

  /// None (8 %), two different circles (17 %), or one (75 %), drawn by weight.
  private func drawCircles(_ random: inout SplitMix64) -> [String] {
    let roll = random.below(100)
    if roll < 8 { return [] }
    let first = drawCircle(&random)
    guard roll < 25 else { return [first] }
    var second = drawCircle(&random)
    while second == first { second = drawCircle(&random) }
    return [first, second]
  }

  private func drawCircle(_ random: inout SplitMix64) -> String {
    var roll = random.below(100)
    for circle in Self.circles {
      if roll < circle.weight { return circle.name }
      roll -= circle.weight
    }
    return Self.circles[Self.circles.count - 1].name
  }

  /// A birthday: one in a hundred on Feb 29, three in ten without a year.
  private func drawBirthday(_ random: inout SplitMix64) -> MonthDay {
    let withYear = !random.chance(30)
    if random.chance(1) {
      // Leap years from 1952 to 2004.
      let year = withYear ? 1952 + 4 * random.below(14) : nil
      return MonthDay(month: 2, day: 29, year: year)!
    }
    return drawMonthDay(&random, year: withYear ? 1950 + random.below(57) : nil)
  }

  /// A month-day other than Feb 29.
  private func drawMonthDay(_ random: inout SplitMix64, year: Int?) -> MonthDay {
    let month = 1 + random.below(12)
    let day = 1 + random.below(CivilDate.daysIn(month: month, year: 2001))
    return MonthDay(month: month, day: day, year: year)!
  }

  /// `MM-DD`, as used in the dates column.
  static func monthDayText(_ date: MonthDay) -> String {
    padded(date.month, width: 2) + "-" + padded(date.day, width: 2)
  }

  static func padded(_ number: Int, width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
