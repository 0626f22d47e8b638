import Wire

extension WireMessage {
    /// What a worker logs of a message from the coordinator that it does not
    /// act on: a refusal of one of its own messages (an error), or a kind only
    /// a coordinator or a collector receives (a warning).
    public var noteForWorker: (level: LogLevel, text: String) {
        if case .error(let reason) = self {
            return (.error, "the coordinator refused a message of this worker: \(reason)")
        }
        return (.warning, "ignored a \(kind) message, which only a coordinator or collector receives")
    }
}
