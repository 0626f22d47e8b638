/// A command-line mistake found after parsing, named with its flag.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
