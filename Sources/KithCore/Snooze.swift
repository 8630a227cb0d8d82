import Foundation

/// Why a snooze was refused.
public enum SnoozeError: Error, Equatable, CustomStringConvertible {
  case unrecognised(String)
  case notInFuture(String)

  public static let acceptedForms =
    "Nd or Nw (same time N days/weeks later), Nh, Nm or Ns (exact durations), tomorrow, "
    + "a weekday (monday), YYYY-MM-DD, YYYY-MM-DD HH:MM, or HH:MM"

  public var description: String {
    switch self {
    case .unrecognised(let text):
      "Cannot read \"\(text)\" as a snooze time; accepted: \(Self.acceptedForms)"
    case .notInFuture(let text):
      "Snooze time \"\(text)\" is not in the future; accepted: \(Self.acceptedForms)"
    }
  }
}

/// Turns what a person types after `kith snooze` into the instant the reminder returns.
public enum Snooze {
  /// Resolves `text` relative to `now` in `calendar`'s zone; dates without a time of day mean
  /// `notifyAt`.
  public static func until(
    _ text: String, now: Date, calendar: LocalCalendar, notifyAt: WallTime
  ) throws(SnoozeError) -> Date {
    let input = text.trimmingCharacters(in: .whitespaces).lowercased()
    let today = calendar.date(of: now)
    let result: Date
    if let (count, unit) = amount(input) {
      switch unit {
      case "d", "w":
        // Calendar days: the same local wall time, whatever DST did in between.
        let days = unit == "d" ? count : 7 * count
        result = calendar.instant(
          today.adding(days: days), secondsIntoDay: calendar.secondsIntoDay(of: now))
      case "h": result = now.addingTimeInterval(TimeInterval(count * 3600))
      case "m": result = now.addingTimeInterval(TimeInterval(count * 60))
      default: result = now.addingTimeInterval(TimeInterval(count))
      }
    } else if input == "tomorrow" {
      result = calendar.instant(today.adding(days: 1), notifyAt)
    } else if let weekday = Weekday(name: input) {
      var day = today.adding(days: 1)
      while day.weekday != weekday { day = day.adding(days: 1) }
      result = calendar.instant(day, notifyAt)
    } else if let time = WallTime(input) {
      let todayAt = calendar.instant(today, time)
      result = todayAt > now ? todayAt : calendar.instant(today.adding(days: 1), time)
    } else if let date = CivilDate(input) {
      result = calendar.instant(date, notifyAt)
    } else if let (date, time) = dateAndTime(input) {
      result = calendar.instant(date, time)
    } else {
      throw .unrecognised(text)
    }
    guard result > now else { throw .notInFuture(text) }
    return result
  }

  /// "3d", "3 days", "2w", "4h", "30m", "90s" → (count, unit letter).
  private static func amount(_ input: String) -> (Int, Character)? {
    let digits = input.prefix(while: { $0.isASCII && $0.isNumber })
    guard !digits.isEmpty, digits.count <= 5, let count = Int(digits), count >= 1 else {
      return nil
    }
    let unit = input.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    let units: [String: Character] = [
      "d": "d", "day": "d", "days": "d", "w": "w", "week": "w", "weeks": "w",
      "h": "h", "hour": "h", "hours": "h", "m": "m", "min": "m", "mins": "m",
      "minute": "m", "minutes": "m", "s": "s", "sec": "s", "secs": "s", "second": "s",
      "seconds": "s",
    ]
    return units[unit].map { (count, $0) }
  }

  private static func dateAndTime(_ input: String) -> (CivilDate, WallTime)? {
    let parts = input.split(whereSeparator: { $0 == " " || $0 == "t" })
    guard parts.count == 2, let date = CivilDate(parts[0]), let time = WallTime(parts[1]) else {
      return nil
    }
    return (date, time)
  }
}
