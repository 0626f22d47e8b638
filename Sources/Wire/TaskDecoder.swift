import FoundationEssentials
import TrialRecords

/// Decodes task payloads for a worker, reusing the previous task's workload when
/// its JSON is byte for byte the same, as it is for every task of a run.
///
/// Payloads in the coordinator's layout (`{"spec":{...},"workload":...}`) take
/// the fast path, their workload read by ``WorkloadReader``; any other valid
/// JSON goes through `JSONDecoder`.
public final class TaskDecoder {
    private var last: (bytes: ArraySlice<UInt8>, workload: Workload)?
    private static let prefix = Array(#"{"spec":"#.utf8)
    public init() {}

    private static let separator = Array(#","workload":"#.utf8)

    /// - Throws: `DecodingError` for a payload that is not a task.
    public func decode(_ payload: [UInt8]) throws -> WireMessage.Task {
        if payload.starts(with: Self.prefix), payload.last == UInt8(ascii: "}"),
           let spec = FlatJSONObject(payload, from: Self.prefix.count),
           payload[spec.end...].starts(with: Self.separator), let trial = TrialSpec(spec) {
            let bytes = payload[(spec.end + Self.separator.count)..<(payload.count - 1)]
            if let last, last.bytes == bytes {
                return WireMessage.Task(spec: trial, workload: last.workload)
            }
            let workload = try WorkloadReader.read(bytes) ?? JSONDecoder().decode(Workload.self, from: Data(bytes))
            last = (bytes, workload)
            return WireMessage.Task(spec: trial, workload: workload)
        }
        return try JSONDecoder().decode(WireMessage.Task.self, from: Data(payload))
    }
}
