import TrialRecords

// The payloads a worker sends before and beside its trials, written directly
// rather than with `JSONEncoder`: a fresh `process` worker that encodes its hello
// with `JSONEncoder` pays for the first use of Foundation's generic coding
// (type metadata looked up by mangled name, protocol conformances scanned) on
// every trial, and an idle worker keeps that code and metadata resident. The
// keys are the ones the `Codable` conformances decode.

extension WireMessage.Hello {
    /// The hello as its JSON payload.
    var jsonBytes: [UInt8] {
        var json = FlatJSONWriter()
        json.add("worker", worker)
        json.add("pid", Int(pid))
        json.add("host", host)
        json.add("launch", launch)
        json.add("capabilities", capabilities)
        return json.finishBytes()
    }
}

extension WireMessage.Heartbeat {
    /// The heartbeat as its JSON payload.
    var jsonBytes: [UInt8] {
        var json = FlatJSONWriter()
        json.add("worker", worker)
        json.add(CodingKeys.rssBytes.stringValue, rssBytes)
        return json.finishBytes()
    }
}
