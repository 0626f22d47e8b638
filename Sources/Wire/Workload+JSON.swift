import TrialRecords

extension Workload {
    /// The workload as JSON, written directly rather than with `JSONEncoder`, so
    /// that a worker's encoding path links no Foundation (issue 13). The keys
    /// are those of the `Codable` conformance, in declaration order; numbers as
    /// Swift prints them (`1.0`), which every JSON reader takes.
    var json: String {
        var json = FlatJSONWriter()
        json.add(CodingKeys.inputs.stringValue, inputs)
        json.add(CodingKeys.layers.stringValue, json: "[" + layers.map(\.json).joined(separator: ",") + "]")
        json.add(CodingKeys.loss.stringValue, loss)
        json.add(CodingKeys.optimizer.stringValue, json: optimizer.json)
        json.add(CodingKeys.epochs.stringValue, epochs)
        json.add(CodingKeys.batchSize.stringValue, batchSize)
        json.add(CodingKeys.x.stringValue, json: Self.json(of: x))
        json.add(CodingKeys.y.stringValue, json: Self.json(of: y))
        return json.finish()
    }

    private static func json(of rows: [[Double]]) -> String {
        "[" + rows.map { row in "[" + row.map(\.description).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }
}

extension Workload.Layer {
    fileprivate var json: String {
        var json = FlatJSONWriter()
        json.add("units", units)
        json.add("activation", activation)
        return json.finish()
    }
}

extension Workload.OptimizerSpec {
    fileprivate var json: String {
        var json = FlatJSONWriter()
        json.add(CodingKeys.kind.stringValue, kind)
        json.add(CodingKeys.learningRate.stringValue, learningRate)
        json.add(CodingKeys.beta1.stringValue, beta1)
        json.add(CodingKeys.beta2.stringValue, beta2)
        json.add(CodingKeys.epsilon.stringValue, epsilon)
        return json.finish()
    }
}
