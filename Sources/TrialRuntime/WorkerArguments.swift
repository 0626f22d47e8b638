/// The command line of `isorun-worker` and `isorun-trial`, read by hand: the
/// worker binaries carry no argument parser, so that they stay small and start fast.
public struct WorkerArguments: Equatable {
    public enum Mode: Equatable {
        /// Serve trials: `--connect ENDPOINT --id ID [--one-shot] [--parent PID]`.
        case worker(endpoint: String, id: String, oneShot: Bool, parent: Int32?)
        /// The zygote: `fork-server --parent PID`.
        case forkServer(parent: Int32)
    }

    public var mode: Mode
    public var logLevel: LogLevel = .warning
    /// The CURVE key folder (`--curve DIR`, else `ISORUN_CURVE_DIR`); nil: no keys.
    public var curve: String?

    /// A command line that is not one of the forms the program's usage shows.
    public struct Problem: Error, Equatable {
        public var message: String
    }

    /// Reads `arguments` (without the program's name) and, when they have no
    /// `--curve`, the `ISORUN_CURVE_DIR` variable's value `curveVariable`.
    ///
    /// It keeps the flags in plain variables rather than a `[String: String]`:
    /// a `process` worker reads its command line once, and the first use of a
    /// dictionary type in a fresh process costs a runtime lookup of its
    /// metadata that took a fifth of the worker's `main` (`perf record` of exec
    /// trials, issue 13).
    ///
    /// - Throws: ``Problem`` naming the flag that is missing, unknown or malformed.
    public init(_ arguments: [String], curveVariable: String? = nil) throws(Problem) {
        var rest = arguments[...]
        let zygote = rest.first == "fork-server"
        if zygote { rest = rest.dropFirst() }
        var connect: String?, id: String?, parentText: String?, levelText: String?, curveFlag: String?
        var oneShot = false
        func value(of flag: String) throws(Problem) -> String {
            guard let value = rest.popFirst() else { throw Problem(message: "\(flag) needs a value") }
            return value
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--one-shot" where !zygote: oneShot = true
            case "--connect": connect = try value(of: flag)
            case "--id": id = try value(of: flag)
            case "--parent": parentText = try value(of: flag)
            case "--log-level": levelText = try value(of: flag)
            case "--curve": curveFlag = try value(of: flag)
            default: throw Problem(message: "unknown argument '\(flag)'")
            }
        }
        curve = curveFlag ?? curveVariable.flatMap { $0.isEmpty ? nil : $0 }
        if curve?.isEmpty == true { throw Problem(message: "--curve needs a key folder") }
        if let level = levelText {
            guard let parsed = LogLevel(rawValue: level) else {
                let levels = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem(message: "--log-level '\(level)' is not one of \(levels)")
            }
            logLevel = parsed
        }
        let parent = try parentText.map { text throws(Problem) in
            guard let pid = Int32(text), pid > 0 else { throw Problem(message: "--parent '\(text)' is not a pid") }
            return pid
        }
        if zygote {
            guard let parent else { throw Problem(message: "fork-server needs --parent PID") }
            mode = .forkServer(parent: parent)
            return
        }
        guard let endpoint = connect else { throw Problem(message: "--connect ENDPOINT is required") }
        guard let id, !id.isEmpty else { throw Problem(message: "--id ID is required") }
        mode = .worker(endpoint: endpoint, id: id, oneShot: oneShot, parent: parent)
    }
}

extension WorkerArguments {
    /// The log of `isorun-trial`, at ``logLevel``, under `label`.
    public func log(label: String) -> TrialLog {
        TrialLog(label: label, level: logLevel)
    }
}
