import ArgumentParser
import Experiments
import Foundation
import IsoRun
import Logging
import Processes
import Security
import WorkerRuntime

/// `isorun worker`: a worker process. The coordinator starts these itself; start
/// one by hand to add a machine's cores to a run bound to a tcp endpoint.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve trials to a coordinator (started by `isorun run`, or by hand on another machine).",
        discussion: """
            A worker connects a DEALER socket to the coordinator, says hello, then runs the trials it \
            is given in its own graph state and streams back each record, until the coordinator says \
            shutdown. Workers the coordinator spawns die with it. A worker that finds no \
            coordinator at --connect within --connect-timeout (default 30 s) exits with status 1.

            With --curve DIR (or ISORUN_CURVE_DIR), the worker authenticates with DIR/client.public \
            and DIR/client.secret and checks the coordinator against DIR/server.public; the \
            coordinator admits it only if its client.public is in the coordinator's authorized/ folder.

            Example, adding this machine's worker to a run bound to tcp with keys:
              isorun worker --connect tcp://10.0.0.5:5555 --id host2-w1 --curve keys
            """)

    @Option(help: "The coordinator's endpoint (ipc://PATH or tcp://HOST:PORT).")
    var connect: String

    @Option(help: "This worker's id: unique within the run; names its records.")
    var id: String = "\(ProcessMetrics.hostName)-\(ProcessMetrics.pid)"

    @Flag(help: "Exit after one trial (the coordinator's `process` strategy).")
    var oneShot = false

    @Option(help: "Seconds to wait for a coordinator at --connect before giving up with exit status 1: \(Limits.phrase(Limits.connectTimeoutSeconds, unit: "seconds")).")
    var connectTimeout: Double = 30

    @Option(help: ArgumentHelp("CURVE key folder (see `isorun keys generate`): connect with its client pair, checking the coordinator's server.public. Default: $ISORUN_CURVE_DIR, else no keys.", valueName: "dir"))
    var curve: String?

    @Option(help: .hidden)
    var parent: Int32?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard Limits.connectTimeoutSeconds.contains(connectTimeout) else {
            throw ValidationError("--connect-timeout \(Limits.phrase(Limits.connectTimeoutSeconds, unit: "seconds")), got \(connectTimeout)")
        }
    }

    func run() throws {
        logging.bootstrap()
        if let parent { ChildProcess.dieWithParent(expectedParent: parent) }
        let launch = parent == nil ? "external" : "exec"
        let folder = curve ?? ProcessInfo.processInfo.environment["ISORUN_CURVE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let keys: ClientKeys?
        do {
            keys = try folder.map { try KeyFolder($0).clientKeys() }
        } catch {
            throw UsageError("--curve: \(error)")
        }
        let options = Worker.Options(
            endpoint: connect, id: id, launch: launch, oneShot: oneShot,
            connectTimeout: .milliseconds(Int64((connectTimeout * 1000).rounded())), curve: keys)
        do {
            try Worker(options: options, logger: Logger(label: "isorun.worker.\(id)")).run()
        } catch let error as Worker.HandshakeRefused {
            throw RunFailure("--connect \(connect): \(error)")
        } catch let error as Worker.ConnectTimeout {
            throw RunFailure("--connect \(connect): \(error); start the coordinator first "
                + "(isorun run --bind \(connect)), check the endpoint, or wait longer with --connect-timeout SECONDS")
        }
    }
}
