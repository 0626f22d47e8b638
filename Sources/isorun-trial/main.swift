import Processes
import TrialRecords
import TrialRuntime

#if canImport(Glibc)
import Glibc
#endif

// `isorun-trial`: a worker on the coordinator's local link (docs/protocol.md,
// "Local link"): a `process` trial, exec'd by `isorun run` or forked by this
// program's own fork-server zygote, or a long-lived worker of a local run,
// exec'd. It links no ZeroMQ, whose libraries a fresh process would otherwise
// load before anything else, and no Foundation: it decodes with
// `WireMessage(fromCoordinator:)` (issue 13).

let usage = """
    usage: isorun-trial --connect local://PATH|fd://3 --id ID [--one-shot] --parent PID [--log-level LEVEL]
           isorun-trial fork-server --parent PID [--log-level LEVEL]
    The worker `isorun run` starts on its local link: it uses the link it was started with as descriptor 3, or
    connects to the coordinator's listener at PATH. With --one-shot it runs the one trial it is given and exits
    (a `process` trial); without, it serves trials until told to shut down. The fork server forks one-shot
    trials, one per request, each connecting to PATH.
    """

func refuse(_ problem: String) -> Never {
    StandardError.write("isorun-trial: \(problem)\n\(usage)")
    exit(2)
}

// Before any thread starts: a trial process's threads share one malloc arena.
MallocArenas.useOne()
let arguments: WorkerArguments
do {
    arguments = try WorkerArguments(Array(CommandLine.arguments.dropFirst()))
} catch {
    refuse(error.message)
}
if arguments.curve != nil { refuse("--curve: a local link needs no keys; isorun-worker connects with them") }

switch arguments.mode {
case .worker(let endpoint, let id, let oneShot, let parent):
    guard let link = LinkedTrial.link(of: endpoint) else {
        refuse("--connect '\(endpoint)' is not a local link (local://PATH or fd://3); isorun-worker serves ZeroMQ endpoints")
    }
    if link == .inherited && !PacketSocket.isSocket(3) {
        refuse("--connect fd://3: descriptor 3 is not a socket; `isorun run` starts isorun-trial so, with its link on it")
    }
    guard let parent else { refuse("--parent PID is required: a trial dies with its coordinator") }
    ChildProcess.dieWithParent(expectedParent: parent)
    do {
        try LinkedTrial.serve(link, id: id, oneShot: oneShot, launch: .exec, log: arguments.log(label: "isorun.trial.\(id)"))
    } catch {
        StandardError.write("isorun-trial: \(error)")
        exit(1)
    }
case .forkServer(let parent):
    ChildProcess.dieWithParent(expectedParent: parent)
    let arguments = arguments  // a local copy: the children's closure runs off the main actor
    exit(ForkServer.serve(prepare: LinkedTrial.prepare) { id, endpoint in
        let log = arguments.log(label: "isorun.trial.\(id)")
        guard let link = LinkedTrial.link(of: endpoint), link != .inherited else {
            log.error("'\(endpoint)' is not a local link's listener (local://PATH)")
            return 2
        }
        do {
            try LinkedTrial.serve(link, id: id, launch: .forkServer, log: log)
            return 0
        } catch {
            log.error("\(error)")
            return 1
        }
    })
}
