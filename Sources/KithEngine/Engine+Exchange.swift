import Foundation
import KithProtocol
import KithStore

extension Engine {
  func importContacts(_ args: ImportArgs, now: Date) throws(ErrorBody) -> ExportResult {
    throw ErrorBody(.invalid, "import lands with the formats module")
  }

  func export(_ args: ExportArgs, now: Date) throws(ErrorBody) -> ExportResult {
    throw ErrorBody(.invalid, "export lands with the formats module")
  }
}
