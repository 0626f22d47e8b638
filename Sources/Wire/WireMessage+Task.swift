import TrialRecords

extension WireMessage.Task {
    /// A workload's JSON, as task payloads carry it.
    public static func json(of workload: Workload) -> String {
        workload.json
    }
}

extension TrialSpec {
    /// Writes the spec's members, keys as its `Codable` conformance names them.
    func write(to json: inout FlatJSONWriter) {
        json.add("run_id", runID)
        json.add("experiment", experiment)
        json.add("strategy", strategy.rawValue)
        json.add("trial", trial)
        json.add("repeat", `repeat`)
        json.add("attempt", attempt)
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
