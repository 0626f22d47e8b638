import Analysis
import Charts
import Experiments
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

    /// After the run: the verdict of this run's `records` on stdout (with `--append` the
    /// file holds earlier runs too), the chart beside the records file, and where both
    /// are on stderr; the verdict is the last thing on stdout. A chart that cannot be
    /// written is a warning: the records and the verdict do not depend on it.
    static func report(
        _ records: [TrialRecord], recordsFile: String, result: ExperimentRun.Result, title: String
    ) {
        let chartPath = Chart.path(besideRecords: recordsFile)
        var chart = "; chart in \(chartPath)"
        do {
            try OutputFile.write(Chart.svg(records, title: title), to: chartPath, what: "the chart beside --out")
        } catch {
            chart = ""
            printError("isorun: warning: \(error); the records and the report are complete; "
                + "draw the chart elsewhere with: isorun report \(recordsFile) --svg OTHER.svg")
        }
        let trials = OutcomeCounts(records)
        let run = records.first.map { "run \($0.runID): " } ?? ""
        printError("isorun: \(run)\(trials.trialsLine), \(result.records) records in \(recordsFile)\(chart)")
        let notOK = trials.total - trials.ok
        if notOK > 0 {
            printError("isorun: \(notOK) trial\(notOK == 1 ? "" : "s") did not end ok (failed, timed out or lost their worker)")
        }
        let retried = trials.attempts - trials.total
        if retried > 0 {
            printError("isorun: \(retried) attempt\(retried == 1 ? " was" : "s were") lost and retried")
        }
        if let log = result.workerLog {
            printError("isorun: the workers' output (warnings, a crashed worker's trace) is in \(log)")
        }
        if case .interrupted(let signal, _) = result.ending {
            printError("isorun: interrupted by signal \(signal); the records of finished trials are kept")
        }
        // The verdict comes last, after what went to stderr, so it ends what a terminal shows.
        print(ReportFormat.text.render(records, colour: isatty(1) == 1), terminator: "")
    }
}
