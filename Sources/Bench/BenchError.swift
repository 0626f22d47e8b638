/// Why a floor could not be measured, with what to do about it.
///
/// ```swift
/// do {
///     let floor = try Floors().rawRoundTrip(samples: 1000)
/// } catch {
///     print(error)   // cc not found on PATH: apt-get install gcc
/// }
/// ```
public struct BenchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and what to do.
    public let message: String

    /// Creates an error with a message that says what was wrong and what to do.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
