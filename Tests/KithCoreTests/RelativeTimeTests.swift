import Foundation
import KithCore
import Testing

@Suite("RelativeTime")
struct RelativeTimeTests {
  static let now = instant("2027-01-13T10:00:00Z")

  @Test(
    "Describes the distance from now",
    arguments: [
      (0, "now"), (59, "now"), (-59, "now"), (60, "in 1 minute"), (5 * 60, "in 5 minutes"),
      (-90 * 60, "overdue 1 hour"), (2 * 3600, "in 2 hours"), (86_400, "in 1 day"),
      (3 * 86_400, "in 3 days"), (3 * 86_400 + 7200, "in 3 days"),
      (-14 * 86_400, "overdue 2 weeks"), (-20 * 86_400, "overdue 2 weeks"),
      (45 * 86_400, "in 6 weeks"), (90 * 86_400, "in 3 months"), (800 * 86_400, "in 2 years"),
    ])
  func describe(seconds: Int, expected: String) {
    let target = Self.now.addingTimeInterval(TimeInterval(seconds))
    #expect(RelativeTime.describe(target, from: Self.now) == expected)
  }
}
