extension BenchRow {
    /// One row summarising the same figure measured in several runs: the
    /// median value, floor and ratio (each run's ratio is taken in that run,
    /// against that run's floor), their smallest and largest, and the verdict
    /// of the median ratio.
    ///
    /// ```swift
    /// let rows = (1...5).map { _ in try suite.run() }
    /// let summary = rows[0].indices.map { index in BenchRow(repeats: rows.map { $0[index] }) }
    /// ```
    ///
    /// - Precondition: `rows` is not empty, and its rows are of one figure,
    ///   unit and goal.
    public init(repeats rows: [BenchRow]) {
        precondition(!rows.isEmpty, "BenchRow(repeats:) needs at least one row")
        let first = rows[0]
        precondition(
            rows.allSatisfy { $0.figure == first.figure && $0.unit == first.unit && $0.target == first.target },
            "BenchRow(repeats:) needs rows of one figure, unit and goal; got \(Set(rows.map(\.figure)).sorted())")
        let values = rows.map(\.value)
        let floors = rows.compactMap(\.floor)
        let ratios = rows.compactMap(\.ratio)
        self.init(
            figure: first.figure, value: Self.median(values), valueRange: (values.min()!, values.max()!),
            unit: first.unit, floor: floors.count == rows.count ? Self.median(floors) : nil,
            ratio: ratios.isEmpty ? nil : Self.median(ratios),
            ratioRange: ratios.isEmpty ? nil : (ratios.min()!, ratios.max()!),
            goal: first.target, runs: rows.reduce(0) { $0 + $1.runs })
    }

    /// The middle value; the mean of the two middle ones for an even count.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
