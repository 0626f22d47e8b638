import ArgumentParser
import IsoRun
import Logging
import Processes
import Security
import WorkerRuntime

/// `isorun fork-server`: the zygote behind `--launch fork-server`; internal.
struct ForkServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fork-server", abstract: "Fork a fresh worker per trial (started by `isorun run`).",
        shouldDisplay: false)

    @Option(help: "The coordinator's pid; the fork server dies with it.")
    var parent: Int32

    @Option(help: "CURVE key folder every forked worker connects with.")
    var curve: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        let keys: ClientKeys?
        do {
            keys = try curve.map { try KeyFolder($0).clientKeys() }
        } catch {
            throw UsageError("--curve: \(error)")
        }
        throw ExitCode(WorkerProcess.forkServer(parent: parent, curve: keys))
    }
}
