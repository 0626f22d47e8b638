import Analysis
import ArgumentParser
import Charts
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
            time per model, B/A, with a bootstrap 95% interval, and a warning when the \
            files ran different numbers of trials. --svg and --html then draw B over A \
            (dashed). As csv, two files give the comparison only.

            Malformed lines are reported on standard error as FILE:LINE: message and \
            skipped, unless --strict is given.

            Examples:
              isorun report results/classic.jsonl
              isorun report run.jsonl --svg run.svg --html run.html
              isorun report run.jsonl --format markdown --out REPORT.md
              isorun report before.jsonl after.jsonl --format json

            Exit status:
              0  the report was written
              1  a malformed record with --strict; a file that holds no valid record
                 (not a records file: TOML, CSV, a folder); an output that cannot be written
              2  a missing file, not one or two files, or an option the parser rejects

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

    func validate() throws {
        for (flag, path) in [("--out", out), ("--svg", svg), ("--html", html)] {
            guard let path else { continue }
            if files.contains(path) {
                throw ValidationError("\(flag) \(path) is a records file being read; give another path")
            }
        }
    }

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
        if let svg {
            try write(Chart.svg(loaded.last!, title: title.isEmpty ? nil : title, overlay: overlay), to: svg, flag: "--svg")
        }
        if let html {
            let page = HTMLPage.render(loaded.last!, title: title.isEmpty ? nil : title, overlay: overlay)
            try write(page, to: html, flag: "--html")
        }
        if let out {
            try write(output, to: out, flag: "--out")
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    private func heading(_ file: String) -> String {
        format == .markdown ? "# \(file)\n\n" : "== \(file)\n"
    }

    private func load(_ file: String) throws -> [TrialRecord] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
            fail("isorun report: no such records file: \(file)")
        }
        if isFolder.boolValue {
            warn("isorun report: \(file) is a folder; give a records file (JSONL, as isorun run --out writes)")
            throw ExitCode(1)
        }
        let result: RecordReader.Result
        do {
            result = try RecordReader.read(file: file, strict: strict)
        } catch let problem as RecordReader.LineProblem {
            warn(problem.description)
            throw ExitCode(1)
        } catch let error as RecordReader.ReadError {
            warn("isorun report: \(error)")
            throw ExitCode(1)
        }
        // A TOML or CSV file would list a problem per line: the first few say enough.
        for problem in result.problems.prefix(5) { warn(problem.description) }
        if result.problems.count > 5 { warn("\(file): \(result.problems.count - 5) more malformed lines") }
        if result.records.isEmpty {
            let read = result.problems.isEmpty ? "is empty" : "holds no valid record (\(result.problems.count) malformed lines)"
            warn("isorun report: \(file) \(read); a records file is JSONL of record version \(TrialRecord.version), "
                + "as isorun run --out writes")
            throw ExitCode(1)
        }
        return result.records
    }

    private func write(_ text: String, to path: String, flag: String) throws {
        do {
            try OutputFile.write(text, to: path, what: flag)
        } catch let error as OutputFile.Failure {
            warn("isorun report: \(error)")
            throw ExitCode(1)
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
