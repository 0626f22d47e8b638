import TrialRecords

extension WireMessage.Task {
    /// The task payload: `{"spec":{...},"workload":<workloadJSON>}`, the spec
    /// written directly and the workload's JSON (the same for every task of a
    /// run) given already encoded.
    static func payload(spec: TrialSpec, workloadJSON: String) -> [UInt8] {
        var json = FlatJSONWriter()
        json.add("spec", json: spec.json)
        json.add("workload", json: workloadJSON)
        return json.finishBytes()
    }

    /// A workload's JSON, as task payloads carry it.
    public static func json(of workload: Workload) -> String {
        workload.json
    }
}

extension TrialSpec {
    /// The spec as JSON, keys as its `Codable` conformance names them.
    var json: String {
        var json = FlatJSONWriter()
        json.add("run_id", runID)
        json.add("experiment", experiment)
        json.add("strategy", strategy.rawValue)
        json.add("trial", trial)
        json.add("repeat", `repeat`)
        json.add("attempt", attempt)
        return json.finish()
    }

    init?(_ json: FlatJSONObject) {
        guard let runID = json.string("run_id"), let experiment = json.string("experiment"),
              let strategy = json.string("strategy").map(Strategy.init(rawValue:)),
              let trial = json.integer("trial"), let repeatIndex = json.integer("repeat"),
              let attempt = json.integer("attempt")
        else { return nil }
        self.init(runID: runID, experiment: experiment, strategy: strategy, trial: trial, repeat: repeatIndex, attempt: attempt)
    }
}
