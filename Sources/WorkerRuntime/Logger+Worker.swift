import Logging
import TrialRuntime
import Wire

extension Logger {
    /// Logs a message from the coordinator that a worker does not act on
    /// (``TrialRuntime/WireMessage/noteForWorker``).
    func noteNotForWorker(_ message: WireMessage) {
        let note = message.noteForWorker
        log(level: Logger.Level(note.level), "\(note.text)")
    }
}

extension Logger.Level {
    /// The swift-log level of the same name.
    init(_ level: LogLevel) {
        self = switch level {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}

extension WorkerArguments {
    /// Sends `isorun-worker`'s log lines of ``logLevel`` and above to standard error, once, at start.
    public func bootstrapLogging() {
        let level = Logger.Level(logLevel)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
