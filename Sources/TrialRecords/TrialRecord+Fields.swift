extension TrialRecord {
    /// The record's schema, declared once: every JSON key in the order records
    /// are written, with how each is read and written. The JSONL writer, the
    /// reader, ``keys`` and the CSV export all follow this list.
    public static let fields: [RecordField] = [
        RecordField("record_version", expected: "the integer \(version)", value: { _ in .integer(version) }) { _, json in
            json == .number(Double(version))
        },
        .text("run_id", \.runID),
        .text("experiment", \.experiment),
        .named("strategy", \.strategy),
        .integer("trial", \.trial),
        .integer("repeat", \.repeat),
        .integer("attempt", \.attempt),
        .text("worker", \.worker),
        .integer("pid", \.pid),
        .text("host", \.host),
        .named("launch", \.launch),
        .text("started_at", \.startedAt),
        .integer("models_before", \.modelsBefore),
        .seconds("create_s", \.createSeconds),
        .seconds("fit_s", \.fitSeconds),
        .seconds("test_s", \.testSeconds),
        .seconds("total_s", \.totalSeconds),
        .seconds("isolation_s", \.isolationSeconds),
        .seconds("wall_s", \.wallSeconds),
        .optionalInteger("rss_bytes", \.rssBytes),
        .optionalInteger("peak_rss_bytes", \.peakRSSBytes),
        .optionalInteger("graph_nodes", \.graphNodes),
        .optionalInteger("live_variables", \.liveVariables),
        .optionalInteger("nodes_copied", \.nodesCopied),
        .named("outcome", \.outcome, expected: "ok, failed, timeout or worker-lost"),
        .optionalText("reason", \.reason),
        .optionalText("recycled", \.recycled),
    ]

    /// The JSON keys of a record, in the order they are written.
    public static let keys = fields.map(\.key)
}
