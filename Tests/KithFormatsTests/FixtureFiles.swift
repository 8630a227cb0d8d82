import Foundation
import Testing

@testable import KithFormats

/// Finds the shared address-book fixtures next to the kith package and reads them.
enum FixtureFiles {
  /// `<kith package>/../shared/fixtures`, found by walking up from this source file with
  /// symlinks resolved, so tests work from any working directory or scratch package.
  static let root: URL? = {
    let fileManager = FileManager.default
    var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures")
      if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
        fileManager.fileExists(atPath: candidate.appendingPathComponent("vcf").path)
      {
        return candidate
      }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }()

  /// Reads a fixture; nil (after a printed note, or a failure when CI=true) if they are absent.
  static func read(_ relative: String, options: ImportOptions = ImportOptions()) throws
    -> ImportResult?
  {
    guard let root else {
      let message =
        "address-book fixtures not found: expected ../shared/fixtures next to the"
        + " kith package (see /work/shared/fixtures/SOURCES.md)"
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(Comment(rawValue: message))
      } else {
        print("skipping \(relative): \(message)")
      }
      return nil
    }
    return try ContactFileReader.read(
      path: root.appendingPathComponent(relative).path, options: options)
  }
}

/// Shorthand for expected dates in tests.
func yearly(_ label: String, _ month: Int, _ day: Int, _ year: Int? = nil) -> YearlyDate {
  YearlyDate(label: label, month: month, day: day, year: year)
}

/// Parses inline vCard or CSV text as if it were a file named `test`.
func parse(_ text: String, format: ImportFormat? = nil, map: [String: String] = [:]) throws
  -> ImportResult
{
  try ContactFileReader.parse(
    Data(text.utf8), path: "test", options: ImportOptions(format: format, columnMap: map))
}
