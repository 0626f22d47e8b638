import ArgumentParser

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
            """,
        subcommands: [ReportCommand.self]
    )
}
