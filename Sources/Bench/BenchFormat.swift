import Foundation

/// The ways `isorun bench` prints its rows.
public enum BenchFormat: String, Sendable, CaseIterable {
    /// A plain-text table with aligned columns, no colour, under 110 columns
    /// for figure names of up to 40 characters.
    case table
    /// A JSON array with one object per row, keys as ``BenchRow`` documents.
    case json

    /// The rows as text in this format, ending with a newline.
    ///
    /// ```swift
    /// print(BenchFormat.table.render(rows), terminator: "")
    /// ```
    public func render(_ rows: [BenchRow]) -> String {
        switch self {
        case .table: Self.table(rows)
        case .json: Self.json(rows)
        }
    }

    /// Columns: figure, value, floor, ratio, goal, met, and for rows of
    /// several runs their range: the smallest and largest ratio, or value
    /// for a figure without a floor. Figures longer than 40 characters are cut with `…`.
    private static func table(_ rows: [BenchRow]) -> String {
        let runs = rows.map(\.runs).max() ?? 1
        var header = ["figure", "value", "floor", "ratio", "goal", "met"]
        if runs > 1 { header.append("min–max of \(runs) runs") }
        let lines = [header] + rows.map { Self.cells(of: $0, withRange: runs > 1) }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.indices.map { column in
                let cell = line[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // The figure reads left to right; the numbers line up on the right.
                return column == 0 ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
        }
        .joined(separator: "\n") + "\n"
    }

    /// One row's cells, in the order of the table's columns.
    private static func cells(of row: BenchRow, withRange: Bool) -> [String] {
        let figure = row.figure.count > 40 ? String(row.figure.prefix(39)) + "…" : row.figure
        let value = BenchNumber.format(row.value) + " " + row.unit
        let floor = row.floor.map { BenchNumber.format($0) + " " + row.unit } ?? "—"
        let ratio = row.ratio.map { BenchNumber.format($0) + "×" } ?? "—"
        let met = row.met.map { $0 ? "yes" : "NO" } ?? "—"
        var cells = [figure, value, floor, ratio, row.target.text, met]
        if withRange {
            if let low = row.ratioMin, let high = row.ratioMax {
                cells.append(BenchNumber.format(low) + "–" + BenchNumber.format(high) + "×")
            } else {
                cells.append(BenchNumber.format(row.valueMin) + "–" + BenchNumber.format(row.valueMax) + " " + row.unit)
            }
        }
        return cells
    }

    private static func json(_ rows: [BenchRow]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("BenchRow holds only finite numbers and strings, so encoding cannot fail: \(error)")
        }
    }
}
