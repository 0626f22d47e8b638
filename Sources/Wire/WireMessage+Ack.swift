import TrialRecords

extension WireMessage.Ack {
    /// The payload, written by hand straight into bytes: a collector sends one
    /// per batch of up to 1024 records, and `JSONEncoder` took a fifth of its
    /// time. The keys are those of the `Codable` conformance, which reads it back.
    var payload: [UInt8] {
        var list: [UInt8] = []
        list.reserveCapacity(2 + 96 * records.count)
        RecordKey.appendJSONArray(of: records, to: &list)
        var ack = FlatJSONWriter()
        ack.add("run_id", runID)
        ack.add("records", json: list)
        ack.add("ended", json: ended ? "true" : "false")
        if recordsPerMessage > 0 { ack.add("records_per_message", recordsPerMessage) }
        return ack.finishBytes()
    }
}
