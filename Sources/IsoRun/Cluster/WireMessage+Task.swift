import Foundation
import TrialRecords

extension WireMessage.Task {
    /// The task payload: `{"spec":{...},"workload":<workloadJSON>}`, the spec
    /// written directly and the workload's JSON (the same for every task of a
    /// run) given already encoded.
    static func payload(spec: TrialSpec, workloadJSON: String) -> [UInt8] {
        var json = FlatJSONWriter()
        json.add("spec", json: spec.json)
        json.add("workload", json: workloadJSON)
        return Array(json.finish().utf8)
    }

    /// A workload's JSON, as task payloads carry it.
    static func json(of workload: Workload) -> String {
        // Encoding plain Codable values cannot fail.
        String(decoding: try! JSONEncoder().encode(workload), as: UTF8.self)
    }
}

extension TrialSpec {
    /// The spec as JSON, keys as its `Codable` conformance names them.
    var json: String {
        var json = FlatJSONWriter()
        json.add("experiment", experiment)
        json.add("strategy", strategy.rawValue)
        json.add("trial", trial)
        json.add("repeat", `repeat`)
        json.add("attempt", attempt)
        return json.finish()
    }

    init?(_ json: FlatJSONObject) {
        guard let experiment = json.string("experiment"), let strategy = json.string("strategy").flatMap(Strategy.init),
              let trial = json.integer("trial"), let repeatIndex = json.integer("repeat"),
              let attempt = json.integer("attempt")
        else { return nil }
        self.init(experiment: experiment, strategy: strategy, trial: trial, repeat: repeatIndex, attempt: attempt)
    }
}

/// Decodes task payloads for a worker, reusing the previous task's workload when
/// its JSON is byte for byte the same, as it is for every task of a run.
///
/// Payloads in the coordinator's layout (`{"spec":{...},"workload":...}`) take
/// the fast path; any other valid JSON goes through `JSONDecoder`.
final class TaskDecoder {
    private var last: (bytes: ArraySlice<UInt8>, workload: Workload)?
    private static let prefix = Array(#"{"spec":"#.utf8)
    private static let separator = Array(#","workload":"#.utf8)

    /// - Throws: `DecodingError` for a payload that is not a task.
    func decode(_ payload: [UInt8]) throws -> WireMessage.Task {
        if payload.starts(with: Self.prefix), payload.last == UInt8(ascii: "}"),
           let spec = FlatJSONObject(payload, from: Self.prefix.count),
           payload[spec.end...].starts(with: Self.separator), let trial = TrialSpec(spec) {
            let bytes = payload[(spec.end + Self.separator.count)..<(payload.count - 1)]
            if let last, last.bytes == bytes {
                return WireMessage.Task(spec: trial, workload: last.workload)
            }
            let workload = try JSONDecoder().decode(Workload.self, from: Data(bytes))
            last = (bytes, workload)
            return WireMessage.Task(spec: trial, workload: workload)
        }
        return try JSONDecoder().decode(WireMessage.Task.self, from: Data(payload))
    }
}
