import Logging

/// Logs refusals of peers at most ``limit`` times per ``window``, then says how
/// many were left out, so that a peer knocking in a loop cannot flood the log.
/// What a peer chose (its address) is escaped: a byte outside printable ASCII
/// becomes `\xNN`, so no peer can forge or break a line.
struct RefusalLog {
    /// Most lines per window.
    static let limit = 10
    /// The window.
    static let window: Duration = .seconds(60)

    private let logger: Logger
    private let clock = ContinuousClock()
    private var windowStart: ContinuousClock.Instant
    private var logged = 0
    private var leftOut = 0

    init(logger: Logger) {
        self.logger = logger
        windowStart = clock.now
    }

    /// Logs `message` as a warning, unless this window's lines are used up.
    mutating func refused(_ message: String) {
        if clock.now - windowStart >= Self.window {
            if leftOut > 0 { logger.warning("\(leftOut) more refusals in the last minute were not logged") }
            windowStart = clock.now
            logged = 0
            leftOut = 0
        }
        guard logged < Self.limit else {
            leftOut += 1
            return
        }
        logged += 1
        logger.warning("\(message)")
    }

    /// `text` with every byte outside printable ASCII as `\xNN`, cut to 200 bytes.
    static func escaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8.prefix(200) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text.utf8.count > 200 ? result + "…" : result
    }
}
