/// How record times are written: rounded to the nanosecond (the resolution of
/// the clocks that measure them), then in the shortest decimal form that reads
/// back to that rounded value (Swift's `description`), so `0.000442099` and
/// never `0.00044209900000000005`.
public enum Seconds {
    /// `seconds` rounded to the nearest nanosecond; values too large to scale
    /// (past about 9e298) and values that are not finite are returned as they are.
    public static func rounded(_ seconds: Double) -> Double {
        let scaled = seconds * 1e9
        guard scaled.isFinite else { return seconds }
        return scaled.rounded() / 1e9
    }

    /// The JSON text of `seconds`: rounded, shortest form; `null` when not finite
    /// (JSON has no infinity or NaN).
    public static func json(_ seconds: Double) -> String {
        seconds.isFinite ? rounded(seconds).description : "null"
    }
}
