/// Why a whole file could not be imported.
public enum ImportError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read at all.
  case unreadable(path: String, reason: String)
  /// The content is not a format kith knows, or a CSV without a name column.
  case unrecognised(path: String)
  /// `--map` names an unknown field or a column the header lacks; the text says which.
  case badMapping(String)

  /// A message that names the file and line, for the user.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .unrecognised(let path):
      return "\(path):1: not a vCard file, a LinkedIn Connections.csv or a CSV with a name column"
        + " (for a CSV, name the column with --map name=COLUMN)"
    case .badMapping(let message):
      return message
    }
  }
}
