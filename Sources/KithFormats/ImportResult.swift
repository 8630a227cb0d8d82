/// The contacts read from one file and the problems met on the way.
public struct ImportResult: Sendable {
  /// The format the file was read as.
  public var format: ImportFormat
  /// Records in file order; duplicates are kept, merging happens elsewhere.
  public var contacts: [ImportedContact]
  /// Records or properties that were skipped or partly read.
  public var problems: [ImportProblem]

  /// Creates a result.
  public init(format: ImportFormat, contacts: [ImportedContact], problems: [ImportProblem]) {
    self.format = format
    self.contacts = contacts
    self.problems = problems
  }
}
