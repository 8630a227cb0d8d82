/// Recognises LinkedIn profile addresses and brings them to one canonical form.
enum LinkedInURL {
  /// `https://www.linkedin.com/in/<slug>` for a profile URL in any common spelling, else nil.
  ///
  /// Accepts missing or `http` schemes, country subdomains, mixed case, queries, fragments and
  /// trailing slashes, so that the same person found in two files compares equal.
  static func normalise(_ raw: String) -> String? {
    var text = raw.trimmingWhitespace().lowercased()
    for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
      text.removeFirst(scheme.count)
    }
    guard let slash = text.firstIndex(of: "/") else { return nil }
    let host = text[..<slash]
    guard host == "linkedin.com" || host.hasSuffix(".linkedin.com") else { return nil }
    var path = text[slash...]
    if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
    let parts = path.split(separator: "/")
    guard parts.count >= 2, parts[0] == "in", !parts[1].isEmpty else { return nil }
    return "https://www.linkedin.com/in/" + parts[1]
  }
}
