/// One key of a record: its JSON name, its value in a record, and how a JSON
/// value is taken back into a record. ``TrialRecord/fields`` lists them once,
/// in order; the JSONL writer, the reader and the CSV export all walk that list.
public struct RecordField: Sendable {
    /// A field's value, typed as the record's JSON writes it.
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
        /// Seconds, written rounded to the nanosecond (see ``Seconds``).
        case seconds(Double)
        case null
    }

    /// The JSON key.
    public let key: String
    /// The key as a member of a JSON object begins, `"key":` (a record's keys
    /// need no escape): what the record's writer appends, and what Wire's
    /// record check compares a key in its place with.
    package let member: [UInt8]
    /// What the field holds, for error messages: `string`, `integer`, `seconds`,
    /// with `or null` when it may be null.
    public let expected: String
    /// The field's value in a record.
    public let value: @Sendable (TrialRecord) -> Value
    /// Stores a JSON value into a record; false when its type is not the field's.
    package let assign: @Sendable (inout TrialRecord, FlatJSONObject.Value) -> Bool

    init(
        _ key: String, expected: String, value: @escaping @Sendable (TrialRecord) -> Value,
        assign: @escaping @Sendable (inout TrialRecord, FlatJSONObject.Value) -> Bool
    ) {
        self.key = key
        member = Array("\"\(key)\":".utf8)
        self.expected = expected
        self.value = value
        self.assign = assign
    }

    // The factories below take how a field's value is read from a record
    // (`get`) and stored into one (`set`). Closures rather than key paths: a
    // key path is built at run time from its pattern, its types' metadata
    // looked up by mangled name, and building the record's 27 cost a fresh
    // `process` worker about 0.15 ms (`perf record` of exec trials, issue 13),
    // where closures cost nothing until called. Passed as they are rather than
    // in a generic pair: a closure stored as a generic `(TrialRecord) -> T` is
    // called through `T`'s metadata, `String?`'s among them, which a fresh
    // process then builds by name (`callgrind` of one exec trial: 506 k
    // instructions with the pair, 468 k without).

    /// A string.
    static func text(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> String,
        _ set: @escaping @Sendable (inout TrialRecord, String) -> Void
    ) -> RecordField {
        RecordField(key, expected: "a string", value: { .text(get($0)) }) { record, json in
            guard case .string(let text) = json else { return false }
            set(&record, text)
            return true
        }
    }

    /// A string, or null.
    static func optionalText(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> String?,
        _ set: @escaping @Sendable (inout TrialRecord, String?) -> Void
    ) -> RecordField {
        RecordField(key, expected: "a string or null", value: { get($0).map(Value.text) ?? .null }) {
            record, json in
            switch json {
            case .null: set(&record, nil)
            case .string(let text): set(&record, text)
            default: return false
            }
            return true
        }
    }

    /// A string that names a value of `T` (strategy, launch, outcome).
    static func named<T: RawRepresentable<String> & Sendable>(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> T,
        _ set: @escaping @Sendable (inout TrialRecord, T) -> Void, expected: String = "a string"
    ) -> RecordField {
        RecordField(key, expected: expected, value: { .text(get($0).rawValue) }) { record, json in
            guard case .string(let text) = json, let value = T(rawValue: text) else { return false }
            set(&record, value)
            return true
        }
    }

    /// A whole number, held as `T`.
    static func integer<T: FixedWidthInteger & Sendable>(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> T,
        _ set: @escaping @Sendable (inout TrialRecord, T) -> Void
    ) -> RecordField {
        RecordField(key, expected: "an integer", value: { .integer(Int(get($0))) }) { record, json in
            guard case .number(let number) = json, let value = T(exactly: number) else { return false }
            set(&record, value)
            return true
        }
    }

    /// A whole number, or null.
    static func optionalInteger(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> Int?,
        _ set: @escaping @Sendable (inout TrialRecord, Int?) -> Void
    ) -> RecordField {
        RecordField(key, expected: "an integer or null", value: { get($0).map(Value.integer) ?? .null }) {
            record, json in
            switch json {
            case .null: set(&record, nil)
            case .number(let number):
                guard let value = Int(exactly: number) else { return false }
                set(&record, value)
            default: return false
            }
            return true
        }
    }

    /// Seconds, or null.
    static func seconds(
        _ key: String, _ get: @escaping @Sendable (TrialRecord) -> Double?,
        _ set: @escaping @Sendable (inout TrialRecord, Double?) -> Void
    ) -> RecordField {
        RecordField(key, expected: "a number or null", value: { get($0).map(Value.seconds) ?? .null }) {
            record, json in
            switch json {
            case .null: set(&record, nil)
            case .number(let number): set(&record, number)
            default: return false
            }
            return true
        }
    }
}
