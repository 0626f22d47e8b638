/// A JSON object one level deep (strings, numbers, booleans, null), read and
/// written without Foundation: every trial's record and task pass through here,
/// and Foundation's coders cost tens of microseconds a message where these take
/// a few.
///
/// Reading is strict about syntax and gives up (nil) on anything it does not
/// handle, nested values included: a record is flat by definition, and a task
/// payload in another layout falls back to `JSONDecoder`.
public struct FlatJSONObject: Sendable {
    /// A value of the object.
    public enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null

        /// A value `scanner` read, its string decoded.
        package init(_ value: ByteScanner.Value, in scanner: ByteScanner) {
            self = switch value {
            case .text(let text): .string(scanner.string(text))
            case .number(let number): .number(number)
            case .bool(let bool): .bool(bool)
            case .null: .null
            }
        }
    }

    /// A member of the object: its key and its value.
    ///
    /// A struct, not a `(key:, value:)` tuple: an array of tuples has no type
    /// metadata until the runtime builds it from its mangled name, which a
    /// fresh `process` trial paid at its first task (`callgrind`, issue 13).
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: Value
    }

    /// The members in the order they appear. A record has a few dozen, so a
    /// linear search beats hashing every key into a dictionary.
    public private(set) var members: [Member] = []
    /// The index just past the object's closing brace.
    public private(set) var end: Int = 0

    /// Reads the object that starts at `start` (after optional white space).
    ///
    /// - Returns: nil when the bytes there are not a flat JSON object (strings
    ///   must be well-formed UTF-8, numbers as JSON writes them).
    public init?(_ bytes: [UInt8], from start: Int = 0) {
        guard let (members, end) = bytes.withUnsafeBufferPointer({ Self.read(ByteScanner($0, from: start)) }) else {
            return nil
        }
        self.members = members
        self.end = end
    }

    private static func read(_ scanner: consuming ByteScanner) -> (members: [Member], end: Int)? {
        var scanner = scanner
        var members: [Member] = []
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        if scanner.take(UInt8(ascii: "}")) { return (members, scanner.index) }
        members.reserveCapacity(32)
        repeat {
            guard let key = scanner.text(), scanner.take(UInt8(ascii: ":")), let value = scanner.value() else {
                return nil
            }
            members.append(Member(key: scanner.string(key), value: Value(value, in: scanner)))
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")) else { return nil }
        return (members, scanner.index)
    }

    /// The value of the last member named `key` (as JSON parsers commonly take
    /// a repeated key), nil when there is none.
    public subscript(key: String) -> Value? {
        members.last { $0.key == key }?.value
    }

    /// The string at `key`, nil when absent or not a string.
    public func string(_ key: String) -> String? {
        if case .string(let value)? = self[key] { return value }
        return nil
    }

    /// The number at `key`, nil when absent or not a number.
    public func number(_ key: String) -> Double? {
        if case .number(let value)? = self[key] { return value }
        return nil
    }

    /// The integer at `key`, nil when absent, not a number or not whole.
    public func integer(_ key: String) -> Int? {
        number(key).flatMap { Int(exactly: $0) }
    }
}

/// Writes a one-level JSON object member by member, in the order given, into
/// UTF-8 bytes: every record is written by its worker, so the writer appends
/// bytes rather than growing a `String`
/// (a profile showed `String` appends at 17 µs a record, most of a pool trial's
/// encoding cost).
public struct FlatJSONWriter {
    private var bytes: [UInt8] = []
    /// Where the object's `{` is in ``bytes``: a member after the first gets a comma.
    private var objectStart = 0

    public init() {
        bytes.reserveCapacity(640)
        bytes.append(UInt8(ascii: "{"))
    }

    /// A writer whose object follows what `bytes` holds: it takes them,
    /// leaving `bytes` empty, until ``finish(into:)`` gives them back with the
    /// object appended (``finishBytes()`` and ``finish()`` would return them
    /// too). No copy is made of them either way.
    package init(continuing bytes: inout [UInt8]) {
        swap(&self.bytes, &bytes)
        objectStart = self.bytes.count
        self.bytes.append(UInt8(ascii: "{"))
    }

    mutating func key(_ name: String) {
        if bytes.count > objectStart + 1 { bytes.append(UInt8(ascii: ",")) }
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Begins a member with its key already written, `"key":`.
    mutating func key(member: [UInt8]) {
        if bytes.count > objectStart + 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: member)
    }

    /// Appends a record field's value: seconds rounded to the nanosecond in
    /// their shortest form, `null` for a value not measured.
    mutating func append(_ value: RecordField.Value) {
        Self.append(value, to: &bytes)
    }

    /// Appends a record field's value to `bytes` as ``TrialRecord/jsonBytes()``
    /// writes it: what a record's line takes in place of a value its worker sent.
    package static func append(_ value: RecordField.Value, to bytes: inout [UInt8]) {
        switch value {
        case .text(let text): appendQuoted(text, to: &bytes)
        case .integer(let integer): appendDecimal(integer, to: &bytes)
        case .seconds(let seconds): bytes.append(contentsOf: Seconds.json(seconds).utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        }
    }

    public mutating func add(_ name: String, _ value: String) {
        key(name)
        Self.appendQuoted(value, to: &bytes)
    }

    public mutating func add(_ name: String, _ value: Int) {
        key(name)
        Self.appendDecimal(value, to: &bytes)
    }

    /// Adds a number; a value that is not finite is written as `null`, which no
    /// reader of a number field accepts.
    public mutating func add(_ name: String, _ value: Double) {
        key(name)
        bytes.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
    }

    /// Adds an array of strings.
    public mutating func add(_ name: String, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds already-encoded JSON as the member's value.
    public mutating func add(_ name: String, json: String) {
        key(name)
        bytes.append(contentsOf: json.utf8)
    }

    /// Adds already-encoded JSON, as UTF-8 bytes, as the member's value.
    public mutating func add(_ name: String, json: [UInt8]) {
        key(name)
        bytes.append(contentsOf: json)
    }

    /// The finished object, as UTF-8 bytes.
    public mutating func finishBytes() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Finishes the object and hands `bytes` back, what they held before
    /// ``init(continuing:)`` followed by the object.
    package mutating func finish(into bytes: inout [UInt8]) {
        self.bytes.append(UInt8(ascii: "}"))
        swap(&self.bytes, &bytes)
    }

    /// The finished object.
    public mutating func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }

    /// Appends `value` in decimal.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        // A key's repeat and attempt, mostly: one digit, without the reversal.
        if (0..<10).contains(value) { return bytes.append(UInt8(ascii: "0") + UInt8(value)) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Appends `value` as a JSON string literal: its UTF-8 as it is, but for
    /// the quote, the backslash and control characters, which are escaped.
    public static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        func needsEscape(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }
        value.withUTF8 { utf8 in
            // Most strings need no escape: appended whole.
            guard utf8.contains(where: needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            var runStart = 0
            for (index, byte) in utf8.enumerated() where needsEscape(byte) {
                bytes.append(contentsOf: utf8[runStart..<index])
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: utf8[runStart...])
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
