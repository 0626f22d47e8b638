import ArgumentParser
import IsoRun
import Logging
import Processes
import WorkerRuntime

/// `isorun fork-server`: the zygote behind `--launch fork-server`; internal.
struct ForkServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fork-server", abstract: "Fork a fresh worker per trial (started by `isorun run`).",
        shouldDisplay: false)

    @Option(help: "The coordinator's pid; the fork server dies with it.")
    var parent: Int32

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        ChildProcess.dieWithParent(expectedParent: parent)
        let status = ForkServer.serve(prepare: Worker.prepareFork) { id, endpoint in
            do {
                let options = Worker.Options(endpoint: endpoint, id: id, launch: "fork-server", oneShot: true)
                try Worker(options: options, logger: Logger(label: "isorun.worker.\(id)")).run()
                return 0
            } catch {
                Logger(label: "isorun.worker.\(id)").error("\(error)")
                return 1
            }
        }
        throw ExitCode(status)
    }
}
