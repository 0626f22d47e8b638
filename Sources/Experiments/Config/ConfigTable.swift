import TOMLKit

/// A TOML table read key by key, so every error names the file and the dotted key,
/// and keys nobody asked for are reported as unknown.
struct ConfigTable {
    private let table: TOMLTable
    private let path: String
    let file: String
    private var read: Set<String> = []

    init(_ table: TOMLTable, path: String, file: String) {
        self.table = table
        self.path = path
        self.file = file
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func error(_ name: String, _ message: String) -> ConfigError {
        ConfigError(file: file, key: key(name), message: message)
    }

    private mutating func value(_ name: String) -> (any TOMLValueConvertible)? {
        read.insert(name)
        return table[name]
    }

    /// Whether the table has `name`.
    func contains(_ name: String) -> Bool { table[name] != nil }

    /// A sub-table as a JSON object's text, nil when absent: a table whose keys
    /// are the user's own (a foreign worker's parameters), passed on unread.
    mutating func json(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard let table = value.table else { throw error(name, "must be a table, got \(value.type)") }
        return table.convert(to: .json)
    }

    /// A sub-table; an absent one reads as empty so its keys take their defaults.
    mutating func table(_ name: String) throws -> ConfigTable {
        guard let value = value(name) else { return ConfigTable(TOMLTable(), path: key(name), file: file) }
        guard let table = value.table else { throw error(name, "must be a table, got \(value.type)") }
        return ConfigTable(table, path: key(name), file: file)
    }

    mutating func int(_ name: String, default fallback: Int, atLeast minimum: Int) throws -> Int {
        guard let value = value(name) else { return fallback }
        guard let number = value.int else { throw error(name, "must be an integer, got \(value.type)") }
        guard number >= minimum else {
            throw error(name, "must be \(minimum == 1 ? "positive" : "at least \(minimum)"), got \(number)")
        }
        return number
    }

    /// An integer within `range`, named with the key when outside it.
    mutating func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = value(name) else { return fallback }
        guard let number = value.int else { throw error(name, "must be an integer, got \(value.type)") }
        guard range.contains(number) else { throw error(name, "\(Limits.phrase(range)), got \(number)") }
        return number
    }

    mutating func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = value(name) else { return fallback }
        guard let flag = value.bool else { throw error(name, "must be true or false, got \(value.type)") }
        return flag
    }

    mutating func double(_ name: String, default fallback: Double, atLeast minimum: Double = 0) throws -> Double {
        guard let value = value(name) else { return fallback }
        guard let number = Self.number(value) else { throw error(name, "must be a finite number, got \(value)") }
        guard number >= minimum else { throw error(name, "must be at least \(minimum), got \(number)") }
        return number
    }

    /// A string, nil when the key is absent.
    mutating func string(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard let string = value.string else { throw error(name, "must be a string, got \(value.type)") }
        return string
    }

    mutating func string(_ name: String, default fallback: String, oneOf allowed: [String]? = nil) throws -> String {
        guard let string = try string(name) else { return fallback }
        if let allowed, !allowed.contains(string) {
            throw error(name, "'\(string)' is not one of \(allowed.joined(separator: ", "))")
        }
        return string
    }

    mutating func strings(_ name: String, default fallback: [String]) throws -> [String] {
        guard let value = value(name) else { return fallback }
        guard let array = value.array else { throw error(name, "must be an array of strings, got \(value.type)") }
        return try array.enumerated().map { index, element in
            guard let string = element.string else {
                throw error("\(name)[\(index)]", "must be a string, got \(element.type)")
            }
            return string
        }
    }

    /// An array of tables (inline or `[[name]]`), each read by `body`.
    mutating func tables<T>(_ name: String, _ body: (inout ConfigTable) throws -> T) throws -> [T]? {
        guard let value = value(name) else { return nil }
        guard let array = value.array else { throw error(name, "must be an array of tables, got \(value.type)") }
        return try array.enumerated().map { index, element in
            guard let table = element.table else {
                throw error("\(name)[\(index)]", "must be a table, got \(element.type)")
            }
            var section = ConfigTable(table, path: key("\(name)[\(index)]"), file: file)
            let result = try body(&section)
            try section.rejectUnknownKeys()
            return result
        }
    }

    /// A non-empty array of equally long, non-empty rows of numbers.
    mutating func matrix(_ name: String, default fallback: [[Double]]) throws -> [[Double]] {
        guard let value = value(name) else { return fallback }
        let shape = "must be a non-empty array of equally long, non-empty arrays of finite numbers"
        guard let rows = value.array, !rows.isEmpty else { throw error(name, shape) }
        let matrix: [[Double]] = try rows.map { row in
            guard let row = row.array, !row.isEmpty else { throw error(name, shape) }
            return try row.map { element in
                guard let number = Self.number(element) else { throw error(name, shape) }
                return number
            }
        }
        guard Set(matrix.map(\.count)).count == 1 else { throw error(name, shape + "; rows differ in length") }
        return matrix
    }

    /// Throws for the first key in the table that was never read.
    func rejectUnknownKeys(allowed: [String]? = nil) throws {
        for name in table.keys.sorted() where !read.contains(name) {
            let known = (allowed ?? read.sorted()).joined(separator: ", ")
            throw error(name, "unknown key; allowed here: \(known)")
        }
    }

    /// A finite number (TOML's `inf` and `nan` are not numbers any field takes).
    private static func number(_ value: any TOMLValueConvertible) -> Double? {
        (value.double ?? value.int.map(Double.init)).flatMap { $0.isFinite ? $0 : nil }
    }
}
