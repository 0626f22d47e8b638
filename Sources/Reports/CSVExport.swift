import Analysis
import TrialRecords

/// Records as tidy CSV (RFC 4180): a header of the record's JSON keys in
/// ``TrialRecord/fields`` order, then one row per record, every outcome included.
///
/// Fields holding a comma, a double quote, a carriage return or a newline are quoted,
/// with quotes doubled. Times are rounded to the nanosecond and written in Swift's shortest
/// round-tripping form; a null (not measured, no `reason`) is an empty field. Lines end with `\n`, which every
/// CSV reader accepts.
public enum CSVExport {
    /// The header's column names.
    public static let columns = TrialRecord.keys

    /// The CSV text of `records`, header included, ending with a newline.
    public static func render(_ records: [TrialRecord]) -> String {
        var lines = [columns.joined(separator: ",")]
        for record in records {
            lines.append(TrialRecord.fields.map { quote(field($0.value(record))) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `field` quoted when CSV needs it.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func field(_ value: RecordField.Value) -> String {
        switch value {
        case .text(let text): text
        case .integer(let integer): String(integer)
        case .seconds(let seconds): seconds.isFinite ? "\(Seconds.rounded(seconds))" : ""
        case .null: ""
        }
    }
}
