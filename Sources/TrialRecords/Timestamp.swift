#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock instants as records carry them: RFC 3339, UTC, microseconds
/// (`2026-12-03T12:00:00.123456Z`). Formatted with civil-date arithmetic instead
/// of Foundation's `DateFormatter`, since every trial stamps one.
public enum Timestamp {
    /// Now, by `CLOCK_REALTIME`, optionally moved back by `earlier` (for a
    /// trial that started that long ago).
    public static func now(minus earlier: Duration = .zero) -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let (seconds, attoseconds) = earlier.components
        var microseconds = Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
        microseconds -= seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return rfc3339(microsecondsSinceEpoch: microseconds)
    }

    /// `microseconds` since 1970-01-01T00:00:00Z as RFC 3339 in UTC.
    ///
    /// Written digit by digit into the string's own buffer: every trial stamps
    /// one, and interpolating padded parts cost a dozen allocations (a tenth of
    /// an empty `pool` trial's work in its worker, `perf record`, issue 13).
    public static func rfc3339(microsecondsSinceEpoch microseconds: Int64) -> String {
        let (secondsOfEpoch, micro) = floorDivision(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivision(secondsOfEpoch, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        // At most a sign and 19 digits of year, then 23 bytes.
        return String(unsafeUninitializedCapacity: 48) { buffer in
            var end = 0
            func append(_ character: Unicode.Scalar) {
                buffer[end] = UInt8(ascii: character)
                end += 1
            }
            func append(_ value: Int64, width: Int) {
                if value < 0 { append("-") }
                var magnitude = value.magnitude
                var count = 1
                var rest = magnitude / 10
                while rest > 0 {
                    count += 1
                    rest /= 10
                }
                count = max(count, width)
                for offset in (0..<count).reversed() {
                    buffer[end + offset] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                }
                end += count
            }
            append(year, width: 4)
            append("-")
            append(month, width: 2)
            append("-")
            append(day, width: 2)
            append("T")
            append(secondOfDay / 3600, width: 2)
            append(":")
            append(secondOfDay / 60 % 60, width: 2)
            append(":")
            append(secondOfDay % 60, width: 2)
            append(".")
            append(micro, width: 6)
            append("Z")
            return end
        }
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard
    /// Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
