import TrialRecords

/// A record as a worker sent it: checked and decoded (``RecordCheck/decodeKeepingBytes(_:)``),
/// with its bytes kept and where in them lie the values the coordinator
/// completes (``completedKeys``).
///
/// The coordinator writes a record's line from these bytes, with only those
/// values written anew (``line(for:)``), rather than encoding the whole record
/// again: a record is encoded once, by its worker (issue 13).
public struct SentRecord: Sendable {
    /// The record the bytes decode to.
    public let record: TrialRecord
    private let json: [UInt8]
    /// Each completed field's index in ``TrialRecord/fields`` and where its value
    /// lies in ``json``, in the order of the bytes.
    private let spans: [(field: Int, value: Range<Int>)]

    /// The keys whose values the coordinator may set in a worker's record:
    /// what only it saw (`launch`, `isolation_s`, `wall_s`: see the scheduler's
    /// `IsolationCost`) and why it recycled the worker (`recycled`).
    public static let completedKeys = completed.map(\.key)

    /// A completed key: its index in ``TrialRecord/fields``, and how its value
    /// is copied from one record into another.
    private struct Completed: Sendable {
        let key: String
        let field: Int
        let copy: @Sendable (inout TrialRecord, TrialRecord) -> Void

        init(_ key: String, _ copy: @escaping @Sendable (inout TrialRecord, TrialRecord) -> Void) {
            self.key = key
            field = TrialRecord.fields.firstIndex { $0.key == key }!
            self.copy = copy
        }
    }

    private static let completed = [
        Completed("launch") { $0.launch = $1.launch },
        Completed("isolation_s") { $0.isolationSeconds = $1.isolationSeconds },
        Completed("wall_s") { $0.wallSeconds = $1.wallSeconds },
        Completed("recycled") { $0.recycled = $1.recycled },
    ]

    /// For each field of ``TrialRecord/fields``: its place in ``completedKeys``, or nil.
    static let completedSlots: [Int?] = TrialRecord.fields.indices.map { field in
        completed.firstIndex { $0.field == field }
    }

    /// - Parameters:
    ///   - values: where each completed key's value lies, in the order of ``completedKeys``.
    init(record: TrialRecord, json: [UInt8], values: UnsafeBufferPointer<Range<Int>>) {
        self.record = record
        self.json = json
        spans = zip(Self.completed, values).map { ($0.field, $1) }.sorted { $0.value.lowerBound < $1.value.lowerBound }
    }

    /// The line to write for `final`, this record as the coordinator completed
    /// it: the bytes as sent, with the values of ``completedKeys`` taken from
    /// `final`, without line breaks. Nil when `final` differs from ``record`` in
    /// any other field (a record the coordinator made of it, such as a lost
    /// trial's): that one is encoded whole.
    public func line(for final: TrialRecord) -> [UInt8]? {
        var line: [UInt8] = []
        line.reserveCapacity(json.count + 32)
        return appendLine(for: final, to: &line) ? line : nil
    }

    /// Appends ``line(for:)`` to `bytes`, where the lines of a batch are
    /// gathered, rather than making it apart and copying it there; false, with
    /// nothing appended, when ``line(for:)`` is nil.
    public func appendLine(for final: TrialRecord, to bytes: inout [UInt8]) -> Bool {
        var unchanged = final
        for field in Self.completed { field.copy(&unchanged, record) }
        guard unchanged == record else { return false }
        // No reserveCapacity here: asked for a little more than it holds at each
        // line, a growing batch would be reallocated at nearly every one, where
        // appending grows it geometrically.
        let start = bytes.count
        var copied = 0
        for span in spans {
            bytes.append(contentsOf: json[copied..<span.value.lowerBound])
            FlatJSONWriter.append(TrialRecord.fields[span.field].value(final), to: &bytes)
            copied = span.value.upperBound
        }
        bytes.append(contentsOf: json[copied...])
        CheckedRecord.removeLineBreaks(from: &bytes, after: start)
        return true
    }
}
