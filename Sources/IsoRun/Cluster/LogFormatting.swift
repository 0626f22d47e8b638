/// Seconds with one decimal, for messages.
func formatSeconds(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

/// A duration in milliseconds with three decimals, for logs.
func formatMilliseconds(_ duration: Duration) -> String {
    let microseconds = Int((duration.seconds * 1e6).rounded())
    return "\(microseconds / 1000).\(String(microseconds % 1000).leftPadded(to: 3)) ms"
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
