import Analysis
import TrialRecords

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// The terminal summary (``TextReport``).
    case text
    /// A README-ready table and verdict (``MarkdownExport``).
    case markdown
    /// Tidy CSV, one row per record (``CSVExport``).
    case csv
    /// Statistics and verdict as JSON (``JSONExport``).
    case json

    /// `records` rendered in this format.
    ///
    /// - Parameter colour: ANSI emphasis, for ``text`` written to a terminal.
    public func render(_ records: [TrialRecord], colour: Bool = false) -> String {
        guard self != .csv else { return CSVExport.render(records) }
        let summary = RunSummary(records: records)
        let verdict = Verdict(summary: summary)
        switch self {
        case .text: return TextReport.render(summary, verdict: verdict, colour: colour)
        case .markdown: return MarkdownExport.render(summary, verdict: verdict)
        case .json: return JSONExport.render(summary, verdict: verdict)
        case .csv: return CSVExport.render(records)
        }
    }
}
