extension TrialRecord {
    /// The record's schema, declared once: every JSON key in the order records
    /// are written, with how each is read and written. The JSONL writer, the
    /// reader, ``keys`` and the CSV export all follow this list.
    public static let fields: [RecordField] = [
        RecordField("record_version", expected: "the integer \(version)", value: { _ in .integer(version) }) { _, json in
            json == .number(Double(version))
        },
        .text("run_id", { $0.runID }, { $0.runID = $1 }),
        .text("experiment", { $0.experiment }, { $0.experiment = $1 }),
        .named("strategy", { $0.strategy }, { $0.strategy = $1 }),
        .integer("trial", { $0.trial }, { $0.trial = $1 }),
        .integer("repeat", { $0.repeat }, { $0.repeat = $1 }),
        .integer("attempt", { $0.attempt }, { $0.attempt = $1 }),
        .text("worker", { $0.worker }, { $0.worker = $1 }),
        .integer("pid", { $0.pid }, { $0.pid = $1 }),
        .text("host", { $0.host }, { $0.host = $1 }),
        .named("launch", { $0.launch }, { $0.launch = $1 }),
        .text("started_at", { $0.startedAt }, { $0.startedAt = $1 }),
        .integer("models_before", { $0.modelsBefore }, { $0.modelsBefore = $1 }),
        .seconds("create_s", { $0.createSeconds }, { $0.createSeconds = $1 }),
        .seconds("fit_s", { $0.fitSeconds }, { $0.fitSeconds = $1 }),
        .seconds("test_s", { $0.testSeconds }, { $0.testSeconds = $1 }),
        .seconds("total_s", { $0.totalSeconds }, { $0.totalSeconds = $1 }),
        .seconds("isolation_s", { $0.isolationSeconds }, { $0.isolationSeconds = $1 }),
        .seconds("wall_s", { $0.wallSeconds }, { $0.wallSeconds = $1 }),
        .optionalInteger("rss_bytes", { $0.rssBytes }, { $0.rssBytes = $1 }),
        .optionalInteger("peak_rss_bytes", { $0.peakRSSBytes }, { $0.peakRSSBytes = $1 }),
        .optionalInteger("graph_nodes", { $0.graphNodes }, { $0.graphNodes = $1 }),
        .optionalInteger("live_variables", { $0.liveVariables }, { $0.liveVariables = $1 }),
        .optionalInteger("nodes_copied", { $0.nodesCopied }, { $0.nodesCopied = $1 }),
        .named("outcome", { $0.outcome }, { $0.outcome = $1 }, expected: "ok, failed, timeout or worker-lost"),
        .optionalText("reason", { $0.reason }, { $0.reason = $1 }),
        .optionalText("recycled", { $0.recycled }, { $0.recycled = $1 }),
    ]

    /// The JSON keys of a record, in the order they are written.
    public static let keys = fields.map(\.key)
}
