import Foundation
import KithConfig
import KithCore
import KithProtocol
import KithStore

/// What a REF on the command line names: one reminder, or a contact.
enum Reference {
  case reminder(Reminder)
  case contact(Contact)

  var contactID: String {
    switch self {
    case .reminder(let reminder): reminder.contactID
    case .contact(let contact): contact.id
    }
  }
}

extension Model {
  /// Resolves a reminder id, a contact id, or an unambiguous case-insensitive part of a name.
  func resolve(_ ref: String) throws(ErrorBody) -> Reference {
    let text = ref.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { throw ErrorBody(.invalid, "Empty reference") }
    if ReminderID.looksLikeID(text) {
      let matches = allReminders.filter { $0.id == text }
      if matches.count == 1 { return .reminder(matches[0]) }
    }
    if let contact = contacts[text] { return .contact(contact) }
    let needle = text.lowercased()
    let matches = contacts.values.filter { $0.name.lowercased().contains(needle) }
      .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    switch matches.count {
    case 1: return .contact(matches[0])
    case 0:
      throw ErrorBody(.notFound, "No contact or reminder matches \"\(ref)\"")
    default:
      let shown = matches.prefix(10).map { "  \($0.id)  \($0.name)" }.joined(separator: "\n")
      let more = matches.count > 10 ? "\n  … and \(matches.count - 10) more" : ""
      throw ErrorBody(
        .ambiguous,
        "\"\(ref)\" matches \(matches.count) contacts; use an id:\n\(shown)\(more)")
    }
  }

  /// Resolves to a contact, whatever the reference named.
  func resolveContact(_ ref: String) throws(ErrorBody) -> Contact {
    switch try resolve(ref) {
    case .contact(let contact): return contact
    case .reminder(let reminder): return contacts[reminder.contactID]!
    }
  }
}
