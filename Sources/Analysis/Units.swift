import Foundation

/// Formats measurements for people: a readable unit and three significant digits,
/// with the uncertainty in the same unit (`41.2 µs ± 3.1 µs`).
public enum Units {
    /// A unit of time for a column or a chart axis.
    public enum TimeUnit: String, Sendable, CaseIterable {
        case microseconds = "µs"
        case milliseconds = "ms"
        case seconds = "s"

        /// Seconds in one of this unit.
        public var seconds: Double {
            switch self {
            case .microseconds: 1e-6
            case .milliseconds: 1e-3
            case .seconds: 1
            }
        }

        /// The unit that shows `seconds` (a magnitude) with 1 to 3 digits before the point.
        public static func readable(for seconds: Double) -> TimeUnit {
            let magnitude = abs(seconds)
            if magnitude < 1e-3 { return .microseconds }
            if magnitude < 1 { return .milliseconds }
            return .seconds
        }
    }

    /// A unit of memory, in powers of 1024.
    public enum ByteUnit: String, Sendable, CaseIterable {
        case bytes = "B"
        case kibibytes = "KiB"
        case mebibytes = "MiB"
        case gibibytes = "GiB"

        /// Bytes in one of this unit.
        public var bytes: Double {
            switch self {
            case .bytes: 1
            case .kibibytes: 1024
            case .mebibytes: 1024 * 1024
            case .gibibytes: 1024 * 1024 * 1024
            }
        }

        /// The unit that shows `bytes` (a magnitude) with at most 4 digits before the point.
        public static func readable(for bytes: Double) -> ByteUnit {
            let magnitude = abs(bytes)
            if magnitude < 1024 { return .bytes }
            if magnitude < 1024 * 1024 { return .kibibytes }
            if magnitude < 1024 * 1024 * 1024 { return .mebibytes }
            return .gibibytes
        }
    }

    /// `seconds` in a readable unit: `412 µs`, `12.3 ms`, `4.21 s`.
    public static func duration(_ seconds: Double) -> String {
        let unit = TimeUnit.readable(for: seconds)
        return "\(number(seconds / unit.seconds)) \(unit.rawValue)"
    }

    /// `seconds ± uncertainty`, both in the unit that suits the larger: `41.2 µs ± 3.1 µs`.
    public static func duration(_ seconds: Double, plusMinus uncertainty: Double) -> String {
        let unit = TimeUnit.readable(for: max(abs(seconds), abs(uncertainty)))
        return "\(number(seconds / unit.seconds)) \(unit.rawValue) ± "
            + "\(number(abs(uncertainty) / unit.seconds)) \(unit.rawValue)"
    }

    /// `bytes` in a readable unit: `812 B`, `12.1 KiB`, `85.3 MiB`.
    public static func bytes(_ bytes: Double) -> String {
        let unit = ByteUnit.readable(for: bytes)
        return "\(number(bytes / unit.bytes)) \(unit.rawValue)"
    }

    /// `bytes ± uncertainty`, both in the unit that suits the larger.
    public static func bytes(_ bytes: Double, plusMinus uncertainty: Double) -> String {
        let unit = ByteUnit.readable(for: max(abs(bytes), abs(uncertainty)))
        return "\(number(bytes / unit.bytes)) \(unit.rawValue) ± "
            + "\(number(abs(uncertainty) / unit.bytes)) \(unit.rawValue)"
    }

    /// A clock reading for elapsed and remaining time: `7 s`, `3 m 05 s`, `1 h 02 m`.
    public static func clock(_ seconds: Double) -> String {
        // Past a million hours a clock says nothing useful, and Int() of it could trap.
        guard seconds.isFinite, seconds < 3.6e9 else { return "?" }
        let whole = Int(max(0, seconds).rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return String(format: "%d m %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d m", whole / 3600, whole % 3600 / 60)
    }

    /// `value` with three significant digits (no exponent, whole numbers of 1000 and more
    /// in full): `0.0412`, `4.12`, `41.2`, `412`, `4120`; from 10^9 on, with an exponent
    /// (`1.23e+12`), so that a wild value in a file cannot print hundreds of digits.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let magnitude = abs(value)
        if magnitude >= 1e9 { return String(format: "%.3g", value) }
        let decimals: Int
        switch magnitude {
        case 0: decimals = 0
        case 100...: decimals = 0
        case 10..<100: decimals = 1
        case 1..<10: decimals = 2
        default: decimals = min(6, 2 - Int(log10(magnitude).rounded(.down)))
        }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0" ? "0" : text
    }
}
