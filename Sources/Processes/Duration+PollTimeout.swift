extension Duration {
    /// The duration as `poll(2)`'s timeout: whole milliseconds, rounded up so
    /// that a wait never ends before it, and clamped to `0...Int32.max`.
    public var pollTimeout: Int32 {
        let milliseconds = (self / .milliseconds(1)).rounded(.up)
        return milliseconds >= Double(Int32.max) ? .max : Int32(max(0, milliseconds))
    }
}
