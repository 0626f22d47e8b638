/// Text from peers as log lines may carry it: control characters escaped, so
/// that no peer can forge or break a line of the log, and cut to a length.
enum LogText {
    /// Most characters of a peer's text a log line carries.
    static let limit = 200

    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}
