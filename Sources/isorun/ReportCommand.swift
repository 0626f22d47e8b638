import ArgumentParser
import Foundation
import Reports
import TrialRecords

extension ReportFormat: ExpressibleByArgument {}

/// `isorun report`: statistics, verdict, charts and exports from records files; with two
/// files, a comparison too.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a records file, or compare two.",
        discussion: """
            With one records file (JSONL, as written by `isorun run`), prints the \
            statistics and the verdict: per strategy its steady-state growth per model \
            already created in the same process (after each process's first 10% of \
            trials, with a 95% confidence interval), the memory it keeps, the price of \
            isolation, and the break-even of process isolation against no-clear. A \
            strategy that ran each trial in a fresh process accumulates nothing; its \
            report gives the drift per trial over the run instead.

            With two files A and B, prints each report, then the ratio of median total \
            time per model, B/A, with a bootstrap 95% interval. --svg and --html then \
            describe B. As csv, two files give the comparison only.

            Malformed lines are reported on standard error as FILE:LINE: message and \
            skipped, unless --strict is given.

            Examples:
              isorun report results/classic.jsonl
              isorun report run.jsonl --svg run.svg --html run.html
              isorun report run.jsonl --format markdown --out REPORT.md
              isorun report before.jsonl after.jsonl --format json

            Exit status:
              0  the report was written
              1  a malformed record, with --strict
              2  a missing or unreadable file, an output that cannot be written,
                 not one or two files, or an option the parser rejects

            """
    )

    @Argument(help: ArgumentHelp("One records file to report on, or two (A then B) to compare.", valueName: "file"))
    var files: [String] = []

    @Option(help: """
        Output format: text (the summary), markdown, csv (one row per record; the \
        comparison with two files) or json (statistics and verdict; with two files, \
        an object of a, b and comparison).
        """)
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Also write the chart as standalone SVG to this path.", valueName: "out.svg"))
    var svg: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML page (verdict, tables, chart) to this path.",
                               valueName: "out.html"))
    var html: String?

    @Flag(help: "Stop at the first malformed record, with exit status 1, instead of skipping it.")
    var strict = false

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        guard (1...2).contains(files.count) else {
            fail("isorun report: give one records file, or two to compare (got \(files.count)); see --help")
        }
        let loaded = try files.map(load)
        let colour = format == .text && out == nil && isatty(STDOUT_FILENO) != 0
        let output: String
        if files.count == 1 {
            output = format.render(loaded[0], colour: colour)
        } else {
            let comparison = ComparisonReport.render(
                Comparison(a: loaded[0], b: loaded[1]), a: files[0], b: files[1], format: format)
            switch format {
            case .text, .markdown:
                let reports = zip(files, loaded).map { file, records in
                    heading(file) + format.render(records, colour: colour) + "\n"
                }
                output = reports.joined() + comparison
            case .json:
                output = "{\n\"a\": \(format.render(loaded[0])),\n\"b\": \(format.render(loaded[1])),\n"
                    + "\"comparison\": \(comparison)}\n"
            case .csv:
                output = comparison
            }
        }
        let title = Set(loaded.last!.map(\.experiment)).sorted().joined(separator: ", ")
        let overlay = files.count == 2 ? Chart.Overlay(baseline: loaded[0], names: (files[0], files[1])) : nil
        if let svg { write(Chart.svg(loaded.last!, title: title.isEmpty ? nil : title, overlay: overlay), to: svg) }
        if let html {
            write(HTMLPage.render(loaded.last!, title: title.isEmpty ? nil : title, overlay: overlay), to: html)
        }
        if let out {
            write(output, to: out)
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    private func heading(_ file: String) -> String {
        format == .markdown ? "# \(file)\n\n" : "== \(file)\n"
    }

    private func load(_ file: String) throws -> [TrialRecord] {
        guard FileManager.default.fileExists(atPath: file) else {
            fail("isorun report: no such records file: \(file)")
        }
        do {
            let result = try RecordReader.read(file: file, strict: strict)
            for problem in result.problems { warn(problem.description) }
            return result.records
        } catch let problem as RecordReader.LineProblem {
            warn(problem.description)
            throw ExitCode(1)
        } catch {
            fail("isorun report: cannot read \(file): \(error.localizedDescription)")
        }
    }

    private func write(_ text: String, to path: String) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            fail("isorun report: cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    private func fail(_ message: String) -> Never {
        warn(message)
        Self.exit(withError: ExitCode(2))
    }
}
