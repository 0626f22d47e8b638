import Experiments
import ArgumentParser
import Foundation
import IsoRun
import Processes
import TrialRecords
import Wire

extension IsoRunCommand {
    /// The subcommands' names, as typed.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }
}

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
        version: version,
        subcommands: [RunCommand.self, ReportCommand.self, BenchCommand.self, WorkerCommand.self, CollectCommand.self, KeysCommand.self, ForkServerCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// What `isorun --version` prints.
    static let version = "isorun 0.3.0 (records version \(TrialRecord.version), protocol \(WireMessage.version))"

    /// Parses and runs, mapping every usage problem (a bad flag, a bad experiment
    /// file, a mistyped command) to exit status 2 with a message naming it, and a run
    /// that cannot go on to exit status 1.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let suggestion = CommandSuggestion.suggestion(for: word, commands: commandNames) {
            printError("isorun: error: unknown command '\(word)'; did you mean '\(suggestion)'? "
                + "Commands: \(commandNames.joined(separator: ", ")); see isorun --help")
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ConfigError {
            printError("isorun: error: \(error)")
            Foundation.exit(2)
        } catch let error as UsageError {
            printError("isorun: error: \(error.message)")
            Foundation.exit(2)
        } catch let error as RunFailure {
            printError("isorun: error: \(error)")
            Foundation.exit(1)
        } catch let error as OutputFile.Failure {
            printError("isorun: error: \(error)")
            Foundation.exit(1)
        } catch let error as RecordReader.ReadError {
            printError("isorun: error: \(error)")
            Foundation.exit(1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
