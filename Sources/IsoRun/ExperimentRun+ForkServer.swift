import Processes
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension ExperimentRun {
    /// The `process` stage's fork server refused to serve before any trial ran: a
    /// fork of its zygote would be unsafe (docs/python-worker.md, "Fork server").
    public struct ForkServerRefused: Error, CustomStringConvertible {
        /// The zygote's reason; a Python zygote's names the framework.
        public var reason: String

        public var description: String { "launch \"fork-server\" is refused: \(reason)" }
    }

    /// Starts the zygote and waits until it has loaded what its children share.
    ///
    /// - Throws: ``ForkServerRefused`` when it refuses to serve. A zygote that
    ///   cannot start is only logged: the `process` stage's launches then meet
    ///   the same fault, and restart it or fall back to exec as they always do.
    func prepareForkServer(_ launcher: some WorkerLauncher, log: WorkerLog) throws {
        do {
            try launcher.prepare(.forkServer)
        } catch let refusal as ForkServerClient.Refusal {
            throw ForkServerRefused(reason: refusal.reason)
        } catch let error as ChildProcess.SpawnError where error.code == EINTR {
            return  // the run is being interrupted: the coordinator's loop ends it at once
        } catch {
            logger.warning("the fork server did not start before the run: \(error); its output is in \(log.path)")
        }
    }
}
