import TrialRecords

/// Decodes task payloads for a worker, reusing the previous task's workload when
/// its JSON is byte for byte the same, as it is for every task of a run.
///
/// Payloads in the coordinator's layout (`{"spec":{...},"workload":...}`) take
/// the fast path, their workload read by ``WorkloadReader``; `decode(_:)`, in
/// module WireJSON, takes any other valid JSON through `JSONDecoder`.
public final class TaskDecoder {
    /// A workload decoded, with the bytes it was decoded from.
    package final class Decoded {
        let bytes: ArraySlice<UInt8>
        let workload: Workload

        package init(bytes: ArraySlice<UInt8>, workload: Workload) {
            self.bytes = bytes
            self.workload = workload
        }
    }

    /// The last workload decoded. An object, not a tuple: an optional tuple
    /// (and an optional struct) has no metadata until the runtime builds it
    /// from its mangled name, which a fresh `process` trial did only to replace
    /// this property's first value, where an optional reference is a pointer
    /// (`callgrind` of one exec trial: 9 k instructions fewer with a struct
    /// than with the tuple, 3 k fewer again with an object; issue 13).
    package var last: Decoded?

    public init() {}

    /// The task in `payload` when it is in the coordinator's layout and its
    /// workload reads without `JSONDecoder` (``WorkloadReader``); nil otherwise.
    /// This path links no Foundation: `isorun-trial` decodes with it alone.
    public func decodeCanonical(_ payload: [UInt8]) -> WireMessage.Task? {
        guard let (spec, bytes) = Self.split(payload) else { return nil }
        if let last, last.bytes == bytes { return WireMessage.Task(spec: spec, workload: last.workload) }
        guard let workload = WorkloadReader.read(bytes) else { return nil }
        last = Decoded(bytes: bytes, workload: workload)
        return WireMessage.Task(spec: spec, workload: workload)
    }

    /// The spec and the workload's bytes of a payload in the coordinator's layout.
    package static func split(_ payload: [UInt8]) -> (TrialSpec, ArraySlice<UInt8>)? {
        let (specKey, workloadKey) = (TaskEncoder.specKey, TaskEncoder.workloadKey)
        guard payload.starts(with: specKey), payload.last == UInt8(ascii: "}"),
              let spec = FlatJSONObject(payload, from: specKey.count),
              payload[spec.end...].starts(with: workloadKey), let trial = TrialSpec(spec)
        else { return nil }
        return (trial, payload[(spec.end + workloadKey.count)..<(payload.count - 1)])
    }
}
