/// Something wrong with one record or property that did not stop the import.
public struct ImportProblem: Equatable, Sendable, Codable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// 1-based line of the record or property.
  public var line: Int
  /// What went wrong, for a person to read.
  public var message: String

  /// Creates a problem report.
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, the form editors and terminals link to.
  public var description: String { "\(file):\(line): \(message)" }
}
