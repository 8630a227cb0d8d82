/// Writes contacts as vCard 4.0 that kith, Apple, Google and Thunderbird can read back.
public enum VCardWriter {
  /// One VCARD per contact; CRLF line ends, folded at 75 octets, TEXT escaped.
  ///
  /// The first anniversary goes to ANNIVERSARY (vCard 4.0 allows one); other dates become
  /// Apple-style `itemN.X-ABDATE` with an `itemN.X-ABLabel`, which Apple and Google show with
  /// their labels. kith's own fields go to X-KITH-ID (also as `UID:urn:kith:<id>`),
  /// X-KITH-CIRCLES, X-KITH-EVERY and X-KITH-MET-ON.
  public static func write(_ contacts: [ImportedContact]) -> String {
    var out = ""
    for contact in contacts { write(contact, to: &out) }
    return out
  }

  private static func write(_ contact: ImportedContact, to out: inout String) {
    func line(_ text: String) { out += ContentLine.fold(text) }
    func text(_ name: String, _ value: String?) {
      if let value, !value.isEmpty { line(name + ":" + ContentLine.escape(value)) }
    }
    line("BEGIN:VCARD")
    line("VERSION:4.0")
    if let id = contact.id {
      line("UID:urn:kith:" + ContentLine.escape(id))
    }
    text("FN", contact.name)
    line("N:" + structuredName(contact.name))
    for email in contact.emails { text("EMAIL", email) }
    for phone in contact.phones { text("TEL", phone) }
    text("URL", contact.linkedIn)
    for url in contact.urls { text("URL", url) }
    if let company = contact.company { line("ORG:" + ContentLine.escape(company)) }
    text("TITLE", contact.position)
    if let birthday = contact.birthday { line("BDAY:" + birthday.basicText) }
    var wroteAnniversary = false
    var group = 0
    for date in contact.dates {
      if date.label == "anniversary" && !wroteAnniversary {
        line("ANNIVERSARY:" + date.basicText)
        wroteAnniversary = true
        continue
      }
      group += 1
      let label = date.label == "anniversary" ? "_$!<Anniversary>!$_" : date.label
      line("item\(group).X-ABDATE:" + date.basicText)
      line("item\(group).X-ABLabel:" + ContentLine.escape(label))
    }
    if !contact.categories.isEmpty {
      line("CATEGORIES:" + contact.categories.map(ContentLine.escape).joined(separator: ","))
    }
    text("NOTE", contact.note)
    text("X-KITH-ID", contact.id)
    if !contact.circles.isEmpty {
      line("X-KITH-CIRCLES:" + contact.circles.map(ContentLine.escape).joined(separator: ","))
    }
    text("X-KITH-EVERY", contact.every)
    text("X-KITH-MET-ON", contact.metOn)
    line("END:VCARD")
  }

  /// N for readers that ignore FN: the last word as family name, the rest as given names.
  ///
  /// This is a guess; FN stays the name kith reads back.
  private static func structuredName(_ name: String) -> String {
    let words = name.split(separator: " ").map(String.init)
    guard words.count > 1 else { return ";" + ContentLine.escape(name) + ";;;" }
    let given = words.dropLast().joined(separator: " ")
    return ContentLine.escape(words.last!) + ";" + ContentLine.escape(given) + ";;;"
  }
}
