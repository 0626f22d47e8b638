import Logging
import Security
import WorkerRuntime

#if canImport(Glibc)
import Glibc
#endif

// `isorun-worker`: the worker process (and fork-server zygote) that `isorun run`
// starts. It links only what a worker needs (the engine, the wire, ZeroMQ), not
// the command line's parser, the config reader or the reports, so that a fresh
// `process` trial pays for less start-up and an idle worker holds less memory.

let arguments: WorkerArguments
do {
    arguments = try WorkerArguments(
        Array(CommandLine.arguments.dropFirst()), curveVariable: getenv("ISORUN_CURVE_DIR").map { String(cString: $0) })
} catch {
    printToStandardError("isorun-worker: \(error.message)\n\(WorkerArguments.usage)")
    exit(2)
}
let level = arguments.logLevel
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}
var curve: ClientKeys?
do {
    curve = try arguments.curve.map { try KeyFolder($0).clientKeys() }
} catch {
    printToStandardError("isorun-worker: --curve: \(error)")
    exit(2)
}
switch arguments.mode {
case .worker(let endpoint, let id, let oneShot, let parent):
    do {
        try WorkerProcess.serve(endpoint: endpoint, id: id, oneShot: oneShot, parent: parent, curve: curve)
    } catch {
        printToStandardError("isorun-worker: \(error)")
        exit(1)
    }
case .forkServer(let parent):
    exit(WorkerProcess.forkServer(parent: parent, curve: curve))
}

/// Writes `text` and a newline to standard error with one `write(2)`.
func printToStandardError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
