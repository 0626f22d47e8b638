import Security
import TrialRuntime
import WorkerRuntime

#if canImport(Glibc)
import Glibc
#endif

// `isorun-worker`: the worker process (and fork-server zygote) that `isorun run`
// starts. It links only what a worker needs (the engine, the wire, ZeroMQ), not
// the command line's parser, the config reader or the reports, so that a fresh
// worker pays for less start-up and an idle worker holds less memory.

let usage = """
    usage: isorun-worker --connect ENDPOINT --id ID [--one-shot] [--parent PID] [--curve DIR] [--log-level LEVEL]
           isorun-worker fork-server --parent PID [--curve DIR] [--log-level LEVEL]
    The worker process `isorun run` starts; to add a machine's worker to a run by hand, use `isorun worker`.
    --curve DIR (or ISORUN_CURVE_DIR): connect with DIR/client.public, client.secret and server.public.
    """

let arguments: WorkerArguments
do {
    arguments = try WorkerArguments(
        Array(CommandLine.arguments.dropFirst()), curveVariable: getenv("ISORUN_CURVE_DIR").map { String(cString: $0) })
} catch {
    StandardError.write("isorun-worker: \(error.message)\n\(usage)")
    exit(2)
}
arguments.bootstrapLogging()
var curve: ClientKeys?
do {
    curve = try arguments.curve.map { try KeyFolder($0).clientKeys() }
} catch {
    StandardError.write("isorun-worker: --curve: \(error)")
    exit(2)
}
switch arguments.mode {
case .worker(let endpoint, let id, let oneShot, let parent):
    do {
        try WorkerProcess.serve(endpoint: endpoint, id: id, oneShot: oneShot, parent: parent, curve: curve)
    } catch {
        StandardError.write("isorun-worker: \(error)")
        exit(1)
    }
case .forkServer(let parent):
    exit(WorkerProcess.forkServer(parent: parent, curve: curve))
}
