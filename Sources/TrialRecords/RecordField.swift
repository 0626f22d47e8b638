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

    /// How a field's value is read from a record and stored into one. Closures
    /// rather than key paths: a key path is built at run time from its pattern,
    /// its types' metadata looked up by mangled name, and building the record's
    /// 27 cost a fresh `process` worker about 0.15 ms (`perf record` of exec
    /// trials, issue 13), where closures cost nothing until called.
    struct Access<T>: Sendable {
        let get: @Sendable (TrialRecord) -> T
        let set: @Sendable (inout TrialRecord, T) -> Void

        init(_ get: @escaping @Sendable (TrialRecord) -> T, _ set: @escaping @Sendable (inout TrialRecord, T) -> Void) {
            self.get = get
            self.set = set
        }
    }

    static func text(_ key: String, _ access: Access<String>) -> RecordField {
        RecordField(key, expected: "a string", value: { .text(access.get($0)) }) { record, json in
            guard case .string(let text) = json else { return false }
            access.set(&record, text)
            return true
        }
    }

    static func optionalText(_ key: String, _ access: Access<String?>) -> RecordField {
        RecordField(key, expected: "a string or null", value: { access.get($0).map(Value.text) ?? .null }) {
            record, json in
            switch json {
            case .null: access.set(&record, nil)
            case .string(let text): access.set(&record, text)
            default: return false
            }
            return true
        }
    }

    /// A string that names a value of `T` (strategy, launch, outcome).
    static func named<T: RawRepresentable<String> & Sendable>(
        _ key: String, _ access: Access<T>, expected: String = "a string"
    ) -> RecordField {
        RecordField(key, expected: expected, value: { .text(access.get($0).rawValue) }) { record, json in
            guard case .string(let text) = json, let value = T(rawValue: text) else { return false }
            access.set(&record, value)
            return true
        }
    }

    static func integer<T: FixedWidthInteger & Sendable>(_ key: String, _ access: Access<T>) -> RecordField {
        RecordField(key, expected: "an integer", value: { .integer(Int(access.get($0))) }) { record, json in
            guard case .number(let number) = json, let value = T(exactly: number) else { return false }
            access.set(&record, value)
            return true
        }
    }

    static func optionalInteger(_ key: String, _ access: Access<Int?>) -> RecordField {
        RecordField(key, expected: "an integer or null", value: { access.get($0).map(Value.integer) ?? .null }) {
            record, json in
            switch json {
            case .null: access.set(&record, nil)
            case .number(let number):
                guard let value = Int(exactly: number) else { return false }
                access.set(&record, value)
            default: return false
            }
            return true
        }
    }

    static func seconds(_ key: String, _ access: Access<Double?>) -> RecordField {
        RecordField(key, expected: "a number or null", value: { access.get($0).map(Value.seconds) ?? .null }) {
            record, json in
            switch json {
            case .null: access.set(&record, nil)
            case .number(let number): access.set(&record, number)
            default: return false
            }
            return true
        }
    }
}
