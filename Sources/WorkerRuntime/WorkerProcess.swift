import Logging
import Processes
import Security

/// What a worker process does, whichever binary it is: `isorun-worker` (what
/// the coordinator starts) or the `isorun worker` and `isorun fork-server`
/// commands.
public enum WorkerProcess {
    /// Serves trials as worker `id` of the coordinator at `endpoint` until told
    /// to shut down (or after one trial when `oneShot`).
    ///
    /// - Parameter parent: the coordinator's pid when it started this process:
    ///   the worker dies with it, and its records say `exec`; nil for a worker
    ///   started by hand (`external`).
    /// - Parameter curve: the CURVE keys to connect with, or nil.
    /// - Throws: `ZMQError` when the endpoint cannot be reached or a socket fails.
    public static func serve(endpoint: String, id: String, oneShot: Bool, parent: Int32?, curve: ClientKeys? = nil) throws {
        if let parent { ChildProcess.dieWithParent(expectedParent: parent) }
        let options = Worker.Options(
            endpoint: endpoint, id: id, launch: parent == nil ? "external" : "exec", oneShot: oneShot,
            connectTimeout: connectTimeout(startedByCoordinator: parent != nil, curve: curve), curve: curve)
        try Worker(options: options, logger: Logger(label: "isorun.worker.\(id)")).run()
    }

    /// Runs the fork-server zygote of the coordinator `parent` until its input
    /// closes; each child it forks serves one trial.
    ///
    /// - Parameter curve: the CURVE keys every child connects with, or nil.
    /// - Returns: the zygote's exit status.
    public static func forkServer(parent: Int32, curve: ClientKeys? = nil) -> Int32 {
        ChildProcess.dieWithParent(expectedParent: parent)
        return ForkServer.serve(prepare: Worker.prepareFork) { id, endpoint in
            do {
                let options = Worker.Options(
                    endpoint: endpoint, id: id, launch: "fork-server", oneShot: true,
                    connectTimeout: connectTimeout(startedByCoordinator: true, curve: curve), curve: curve)
                try Worker(options: options, logger: Logger(label: "isorun.worker.\(id)")).run()
                return 0
            } catch {
                Logger(label: "isorun.worker.\(id)").error("\(error)")
                return 1
            }
        }
    }

    /// How long a worker waits for its coordinator's handshake (see
    /// ``Worker/Options/connectTimeout``). A worker the local coordinator
    /// started connects to that coordinator's own endpoint and dies with it,
    /// and without CURVE keys nothing can refuse its handshake, so it waits
    /// without a watchdog (nil): the socket monitor behind one cost every
    /// fork-server trial about 0.2 ms (issue 13). With keys a refused handshake
    /// is still reported at once.
    static func connectTimeout(startedByCoordinator: Bool, curve: ClientKeys?) -> Duration? {
        startedByCoordinator && curve == nil ? nil : Worker.Options.defaultConnectTimeout
    }
}
