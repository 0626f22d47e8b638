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
        throw ExitCode(WorkerProcess.forkServer(parent: parent))
    }
}
