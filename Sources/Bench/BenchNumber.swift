import Foundation

/// How the table prints numbers: at most three significant digits after the
/// point, whole numbers from 1000 up, no exponent.
enum BenchNumber {
    /// `value` as text: `0.123`, `1.5`, `48.9`, `123`, `125787`.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var text = String(format: "%.\(decimals)f", value)
        if decimals > 0 {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
