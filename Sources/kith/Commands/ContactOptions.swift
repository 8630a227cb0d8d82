import ArgumentParser
import KithCore
import KithProtocol

/// The contact fields `add` and `edit` share.
struct ContactOptions: ParsableArguments {
  @Option(name: .customLong("circle"), help: "A circle from the config (repeatable).")
  var circles: [String] = []

  @Option(help: "Birthday: MM-DD or YYYY-MM-DD (\"none\" clears it in edit).")
  var birthday: String?

  @Option(help: "Own cadence, overriding the circles': \"2 weeks\", \"quarterly\"…")
  var every: String?

  @Option(name: .customLong("email"), help: "E-mail address (repeatable).")
  var emails: [String] = []

  @Option(name: .customLong("phone"), help: "Phone number (repeatable).")
  var phones: [String] = []

  @Option(help: "LinkedIn profile URL.")
  var linkedin: String?

  @Option(help: "Company.")
  var company: String?

  @Option(help: "Position.")
  var position: String?

  @Option(help: "Free notes.")
  var note: String?

  @Option(
    name: .customLong("date"),
    help: "A yearly date LABEL=MM-DD, e.g. \"work anniversary=04-01\" (repeatable).")
  var dates: [String] = []

  func fields(name: String?) -> ContactFields {
    var fields = ContactFields()
    fields.name = name
    fields.birthday = birthday
    fields.every = every
    fields.emails = emails.isEmpty ? nil : emails
    fields.phones = phones.isEmpty ? nil : phones
    fields.linkedin = linkedin
    fields.company = company
    fields.position = position
    fields.note = note
    fields.dates = dates.isEmpty ? nil : dates
    return fields
  }
}
