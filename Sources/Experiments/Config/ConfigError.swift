/// An experiment file that cannot be used: names the file, the key and what is allowed.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file, as given.
    public var file: String
    /// The dotted key at fault (`model.layers[1].units`), or empty for the whole file.
    public var key: String
    /// What is wrong and what is allowed.
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
