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
    /// What the field holds, for error messages: `string`, `integer`, `seconds`,
    /// with `or null` when it may be null.
    public let expected: String
    /// The field's value in a record.
    public let value: @Sendable (TrialRecord) -> Value
    /// Stores a JSON value into a record; false when its type is not the field's.
    let assign: @Sendable (inout TrialRecord, FlatJSONObject.Value) -> Bool

    init(
        _ key: String, expected: String, value: @escaping @Sendable (TrialRecord) -> Value,
        assign: @escaping @Sendable (inout TrialRecord, FlatJSONObject.Value) -> Bool
    ) {
        self.key = key
        self.expected = expected
        self.value = value
        self.assign = assign
    }

    typealias Path<T> = WritableKeyPath<TrialRecord, T> & Sendable

    static func text(_ key: String, _ path: Path<String>) -> RecordField {
        RecordField(key, expected: "a string", value: { .text($0[keyPath: path]) }) { record, json in
            guard case .string(let text) = json else { return false }
            record[keyPath: path] = text
            return true
        }
    }

    static func optionalText(_ key: String, _ path: Path<String?>) -> RecordField {
        RecordField(key, expected: "a string or null", value: { $0[keyPath: path].map(Value.text) ?? .null }) {
            record, json in
            switch json {
            case .null: record[keyPath: path] = nil
            case .string(let text): record[keyPath: path] = text
            default: return false
            }
            return true
        }
    }

    /// A string that names a value of `T` (strategy, launch, outcome).
    static func named<T: RawRepresentable<String> & Sendable>(
        _ key: String, _ path: Path<T>, expected: String = "a string"
    ) -> RecordField {
        RecordField(key, expected: expected, value: { .text($0[keyPath: path].rawValue) }) { record, json in
            guard case .string(let text) = json, let value = T(rawValue: text) else { return false }
            record[keyPath: path] = value
            return true
        }
    }

    static func integer<T: FixedWidthInteger & Sendable>(_ key: String, _ path: Path<T>) -> RecordField {
        RecordField(key, expected: "an integer", value: { .integer(Int($0[keyPath: path])) }) { record, json in
            guard case .number(let number) = json, let value = T(exactly: number) else { return false }
            record[keyPath: path] = value
            return true
        }
    }

    static func optionalInteger(_ key: String, _ path: Path<Int?>) -> RecordField {
        RecordField(key, expected: "an integer or null", value: { $0[keyPath: path].map(Value.integer) ?? .null }) {
            record, json in
            switch json {
            case .null: record[keyPath: path] = nil
            case .number(let number):
                guard let value = Int(exactly: number) else { return false }
                record[keyPath: path] = value
            default: return false
            }
            return true
        }
    }

    static func seconds(_ key: String, _ path: Path<Double?>) -> RecordField {
        RecordField(key, expected: "a number or null", value: { $0[keyPath: path].map(Value.seconds) ?? .null }) {
            record, json in
            switch json {
            case .null: record[keyPath: path] = nil
            case .number(let number): record[keyPath: path] = number
            default: return false
            }
            return true
        }
    }
}
