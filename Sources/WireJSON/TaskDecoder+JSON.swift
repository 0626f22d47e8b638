import FoundationEssentials
import TrialRecords
import Wire

extension TaskDecoder {
    /// Decodes a task payload: in the coordinator's layout by
    /// ``decodeCanonical(_:)``, any other valid JSON with `JSONDecoder`.
    ///
    /// - Throws: `DecodingError` for a payload that is not a task.
    public func decode(_ payload: [UInt8]) throws -> WireMessage.Task {
        if let task = decodeCanonical(payload) { return task }
        if let (spec, bytes) = Self.split(payload) {
            let workload = try JSONDecoder().decode(Workload.self, from: Data(bytes))
            last = Decoded(bytes: bytes, workload: workload)
            return WireMessage.Task(spec: spec, workload: workload)
        }
        return try JSONDecoder().decode(WireMessage.Task.self, from: Data(payload))
    }
}
