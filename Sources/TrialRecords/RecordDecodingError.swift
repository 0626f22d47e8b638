/// Why bytes are not a record of the version this build reads.
public enum RecordDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not one JSON object of strings, numbers, booleans and nulls.
    case notFlatJSON
    /// `record_version` is missing (nil: a version 1 record, or not a record) or
    /// another number.
    case version(Double?)
    /// A key of the schema is absent.
    case missingKey(String)
    /// A key holds a value of another type (or an unknown outcome).
    case wrongType(key: String, expected: String)

    public var description: String {
        switch self {
        case .notFlatJSON:
            "not a record: expected one JSON object of strings, numbers, booleans and nulls"
        case .version(nil):
            "no 'record_version' (a version 1 record, or not a record); this isorun reads record version \(TrialRecord.version)"
        case .version(let found?):
            "record version \(found.isFinite && found == found.rounded() && abs(found) < 1e15 ? String(Int(found)) : "\(found)"); this isorun reads version \(TrialRecord.version)"
        case .missingKey(let key):
            "missing key '\(key)'"
        case .wrongType(let key, let expected):
            "wrong type for '\(key)': expected \(expected)"
        }
    }
}
