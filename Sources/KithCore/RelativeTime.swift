import Foundation

/// Says how far an instant is from now the way a person would: "in 3 days", "overdue 2 weeks".
public enum RelativeTime {
  public static func describe(_ instant: Date, from now: Date) -> String {
    let seconds = instant.timeIntervalSince(now)
    let span = phrase(abs(seconds))
    if abs(seconds) < 60 { return "now" }
    return seconds > 0 ? "in \(span)" : "overdue \(span)"
  }

  static func phrase(_ seconds: TimeInterval) -> String {
    let minutes = Int(seconds / 60)
    let hours = Int(seconds / 3600)
    let days = Int((seconds / 86_400).rounded(.down))
    func unit(_ n: Int, _ name: String) -> String { "\(n) \(name)\(n == 1 ? "" : "s")" }
    if minutes < 60 { return unit(max(1, minutes), "minute") }
    if hours < 24 { return unit(hours, "hour") }
    if days < 14 { return unit(days, "day") }
    if days < 60 { return unit(days / 7, "week") }
    if days < 730 { return unit(days / 30, "month") }
    return unit(days / 365, "year")
  }
}
