/// Text from peers as log lines may carry it: control characters escaped, so
/// that no peer can forge or break a line of the log, and cut to a length.
package enum LogText {
    /// Most characters of a peer's text a log line carries.
    package static let limit = 200

    /// `text` with every control character (below U+0020, U+007F, and the C1
    /// controls U+0080 to U+009F) written as `\u{hex}`, cut after `limit`
    /// characters with `…`.
    package static func escaped(_ text: String, limit: Int = limit) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.dropFirst(limit).isEmpty ? result : result + "…"
    }
}
