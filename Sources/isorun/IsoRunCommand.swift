import ArgumentParser
import Foundation
import IsoRun
import Processes

/// The `isorun` command: runs many model trials under controlled isolation and
/// reports what each isolation strategy costs.
@main
struct IsoRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isorun",
        abstract: "Measure what earlier models leave behind, and what isolation costs to cure it.",
        discussion: """
            With no subcommand, isorun runs the embedded default: the classic experiment \
            (100 models of Dense(8) then Dense(1), MSE, Adam, one epoch, then testOnBatch) \
            for every strategy, and prints the verdict.

            Exit status: 0 success; 1 the run could not go on; 2 a bad experiment file or flag; \
            3 some trials failed; 128+N stopped by signal N.
            """,
        subcommands: [RunCommand.self, ReportCommand.self, BenchCommand.self, WorkerCommand.self, CollectCommand.self, ForkServerCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Parses and runs, mapping every usage problem (a bad flag, a bad experiment
    /// file) to exit status 2 with a message naming it.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ConfigError {
            printError("isorun: error: \(error)")
            Foundation.exit(2)
        } catch let error as UsageError {
            printError("isorun: error: \(error.message)")
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
