import TrialRecords

extension WireMessage.Ack {
    /// The payload, written by hand: a collector sends one per batch of up to
    /// 1024 records, and `JSONEncoder` took a fifth of its time. The keys are
    /// those of the `Codable` conformance, which reads it back.
    var payload: [UInt8] {
        var list = "["
        for (index, key) in records.enumerated() {
            if index > 0 { list += "," }
            var entry = FlatJSONWriter()
            entry.add("run_id", key.runID)
            entry.add("strategy", key.strategy.rawValue)
            entry.add("repeat", key.repeat)
            entry.add("trial", key.trial)
            entry.add("attempt", key.attempt)
            list += entry.finish()
        }
        list += "]"
        var ack = FlatJSONWriter()
        ack.add("run_id", runID)
        ack.add("records", json: list)
        ack.add("ended", json: ended ? "true" : "false")
        return Array(ack.finish().utf8)
    }
}
