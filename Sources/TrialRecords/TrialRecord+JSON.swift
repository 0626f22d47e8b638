import Foundation

extension TrialRecord {
    /// The record as one line of JSON, without the trailing newline; keys in
    /// ``CodingKeys`` order, `reason` and `recycled` only when set.
    public func jsonLine() -> String {
        var json = FlatJSONWriter()
        json.add("experiment", experiment)
        json.add("strategy", strategy)
        json.add("trial", trial)
        json.add("repeat", `repeat`)
        json.add("attempt", attempt)
        json.add("worker", worker)
        json.add("pid", Int(pid))
        json.add("host", host)
        json.add("launch", launch)
        json.add("create_s", createSeconds)
        json.add("fit_s", fitSeconds)
        json.add("test_s", testSeconds)
        json.add("total_s", totalSeconds)
        json.add("isolation_s", isolationSeconds)
        json.add("wall_s", wallSeconds)
        json.add("rss_bytes", rssBytes)
        json.add("peak_rss_bytes", peakRSSBytes)
        json.add("graph_nodes", graphNodes)
        json.add("live_variables", liveVariables)
        json.add("nodes_copied", nodesCopied)
        json.add("outcome", outcome.rawValue)
        if let reason { json.add("reason", reason) }
        if let recycled { json.add("recycled", recycled) }
        return json.finish()
    }

    /// Decodes a record from one line of JSON.
    ///
    /// - Throws: `DecodingError` naming the missing or mistyped key.
    public init(jsonLine: some StringProtocol) throws {
        try self.init(json: Array(jsonLine.utf8))
    }

    /// Decodes a record from the UTF-8 bytes of one JSON object.
    ///
    /// A flat object with every key of the right type is read directly; anything
    /// else goes through `JSONDecoder`, for its precise error.
    ///
    /// - Throws: `DecodingError` naming the missing or mistyped key.
    public init(json bytes: [UInt8]) throws {
        if let object = FlatJSONObject(bytes), Self.onlySpaceFollows(object.end, in: bytes),
           let record = TrialRecord(object) {
            self = record
        } else {
            self = try JSONDecoder().decode(TrialRecord.self, from: Data(bytes))
        }
    }

    private init?(_ json: FlatJSONObject) {
        guard let experiment = json.string("experiment"), let strategy = json.string("strategy"),
              let trial = json.integer("trial"), let repeatIndex = json.integer("repeat"),
              let attempt = json.integer("attempt"), let worker = json.string("worker"),
              let pid = json.integer("pid").flatMap(Int32.init(exactly:)), let host = json.string("host"),
              let launch = json.string("launch"), let create = json.number("create_s"), let fit = json.number("fit_s"),
              let test = json.number("test_s"), let total = json.number("total_s"),
              let isolation = json.number("isolation_s"), let wall = json.number("wall_s"),
              let rss = json.integer("rss_bytes"), let peak = json.integer("peak_rss_bytes"),
              let nodes = json.integer("graph_nodes"), let variables = json.integer("live_variables"),
              let copied = json.integer("nodes_copied"), let outcome = json.string("outcome").flatMap(Outcome.init),
              let reason = Self.optionalString(json["reason"]), let recycled = Self.optionalString(json["recycled"])
        else { return nil }
        self.init(
            experiment: experiment, strategy: strategy, trial: trial, repeat: repeatIndex, attempt: attempt,
            worker: worker, pid: pid, host: host, launch: launch, createSeconds: create, fitSeconds: fit,
            testSeconds: test, totalSeconds: total, isolationSeconds: isolation, wallSeconds: wall, rssBytes: rss,
            peakRSSBytes: peak, graphNodes: nodes, liveVariables: variables, nodesCopied: copied, outcome: outcome,
            reason: reason, recycled: recycled)
    }

    /// An optional string member: `.some(nil)` when absent or null, nil when of another type.
    private static func optionalString(_ value: FlatJSONObject.Value?) -> String?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .string(let text)?: return .some(text)
        default: return nil
        }
    }

    private static func onlySpaceFollows(_ end: Int, in bytes: [UInt8]) -> Bool {
        bytes[end...].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}
