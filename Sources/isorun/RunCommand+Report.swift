import Foundation
import IsoRun
import Reports
import TrialRecords

extension RunCommand {
    /// Progress on stderr while the run goes: live lines on a terminal, a plain
    /// line every few seconds otherwise, nothing with `--quiet`.
    static func progress(for plan: RunPlan, quiet: Bool) -> ProgressReporter {
        let mode: ProgressReporter.Mode = quiet ? .quiet : .automatic(isTerminal: isatty(2) == 1)
        return ProgressReporter(planned: plan.trialsPerStrategy, mode: mode) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// After the run: the verdict on stdout, the chart beside the records, and
    /// where both are on stderr.
    static func report(
        _ records: [TrialRecord], recordsFile: String, result: ExperimentRun.Result, title: String
    ) throws {
        let chart = try Chart.write(records, besideRecords: recordsFile, title: title)
        print(ReportFormat.text.render(records, colour: isatty(1) == 1), terminator: "")
        printError("isorun: \(result.records) records in \(recordsFile); chart in \(chart)")
        if result.notOK > 0 {
            printError("isorun: \(result.notOK) records did not end ok (failed, timed out or lost their worker)")
        }
        if let log = result.workerLog {
            printError("isorun: the workers' output (warnings, a crashed worker's trace) is in \(log)")
        }
        if case .interrupted(let signal, _) = result.ending {
            printError("isorun: interrupted by signal \(signal); the records of finished trials are kept")
        }
    }
}
