import TrialRecords

extension RecordRules {
    /// Whether `text` is a name as records and hellos carry them: 1 to
    /// ``maxNameBytes`` bytes of UTF-8, no control character (the rule
    /// ``Rule/name`` that ``RecordCheck`` applies to a record's bytes).
    public static func allowsName(_ text: String) -> Bool {
        (1...maxNameBytes).contains(text.utf8.count) && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    static func nameError(_ key: String) -> RecordRuleError {
        RecordRuleError(message: "'\(key)': expected \(Rule.name.allowed)")
    }
}

extension WireMessage.Hello {
    /// The hello, when its names and capabilities keep ``RecordRules``.
    ///
    /// - Throws: ``RecordRuleError`` naming the key that does not.
    package func checked() throws(RecordRuleError) -> Self {
        for (key, name) in [("worker", worker), ("host", host), ("launch", launch)] where !RecordRules.allowsName(name) {
            throw RecordRules.nameError(key)
        }
        guard pid >= 0 else { throw RecordRuleError(message: "'pid': expected \(RecordRules.Rule.pid.allowed)") }
        guard capabilities.count <= RecordRules.maxCapabilities, capabilities.allSatisfy(RecordRules.allowsName) else {
            throw RecordRuleError(message: """
                'capabilities': expected at most \(RecordRules.maxCapabilities) strategy names, each \
                \(RecordRules.Rule.name.allowed)
                """)
        }
        return self
    }
}

extension WireMessage.Heartbeat {
    /// The heartbeat, when its worker and memory keep ``RecordRules``.
    ///
    /// - Throws: ``RecordRuleError`` naming the key that does not.
    package func checked() throws(RecordRuleError) -> Self {
        guard RecordRules.allowsName(worker) else { throw RecordRules.nameError("worker") }
        guard (0...RecordRules.maxBytes).contains(rssBytes) else {
            throw RecordRuleError(message: "'rss_bytes': expected an integer from 0 to 2^50, got \(rssBytes)")
        }
        return self
    }
}
