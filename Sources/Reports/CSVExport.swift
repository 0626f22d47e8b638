import TrialRecords

/// Records as tidy CSV (RFC 4180): a header of the record's JSON keys in `CodingKeys`
/// order, then one row per record, every outcome included.
///
/// Fields holding a comma, a double quote, a carriage return or a newline are quoted,
/// with quotes doubled. Numbers are written in Swift's shortest round-tripping form; a
/// missing `reason` or `recycled` is an empty field. Lines end with `\n`, which every
/// CSV reader accepts.
public enum CSVExport {
    /// The header's column names.
    public static let columns = TrialRecord.CodingKeys.allCases.map(\.rawValue)

    /// The CSV text of `records`, header included, ending with a newline.
    public static func render(_ records: [TrialRecord]) -> String {
        var lines = [columns.joined(separator: ",")]
        for record in records {
            lines.append(TrialRecord.CodingKeys.allCases.map { quote(field($0, of: record)) }.joined(separator: ","))
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

    private static func field(_ key: TrialRecord.CodingKeys, of record: TrialRecord) -> String {
        switch key {
        case .experiment: record.experiment
        case .strategy: record.strategy
        case .trial: String(record.trial)
        case .repeat: String(record.repeat)
        case .attempt: String(record.attempt)
        case .worker: record.worker
        case .pid: String(record.pid)
        case .host: record.host
        case .launch: record.launch
        case .createSeconds: "\(record.createSeconds)"
        case .fitSeconds: "\(record.fitSeconds)"
        case .testSeconds: "\(record.testSeconds)"
        case .totalSeconds: "\(record.totalSeconds)"
        case .isolationSeconds: "\(record.isolationSeconds)"
        case .wallSeconds: "\(record.wallSeconds)"
        case .rssBytes: String(record.rssBytes)
        case .peakRSSBytes: String(record.peakRSSBytes)
        case .graphNodes: String(record.graphNodes)
        case .liveVariables: String(record.liveVariables)
        case .nodesCopied: String(record.nodesCopied)
        case .outcome: record.outcome.rawValue
        case .reason: record.reason ?? ""
        case .recycled: record.recycled ?? ""
        }
    }
}
