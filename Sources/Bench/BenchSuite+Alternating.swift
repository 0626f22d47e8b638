extension BenchSuite {
    /// How many blocks a floor and its figure are measured in, alternately.
    static let blocks = 5

    /// Measures `floor` and `figure` in ``blocks`` alternating blocks (floor,
    /// figure, floor, figure, …), so that a machine that slows down for a while
    /// slows both alike: measured once each, a few seconds apart, one of them
    /// could catch a slow spell the other missed, and their ratio with it.
    ///
    /// - Returns: every block's measurement of each, in order.
    static func alternating<Floor, Figure>(
        floor: () throws -> Floor, figure: () throws -> Figure
    ) throws -> (floors: [Floor], figures: [Figure]) {
        var floors: [Floor] = [], figures: [Figure] = []
        for _ in 0..<Self.blocks {
            floors.append(try floor())
            figures.append(try figure())
        }
        return (floors, figures)
    }
}

extension DurationFigure {
    /// The median of `blocks`' medians, over all their samples; `blocks` must not be empty.
    init(medianOf blocks: [DurationFigure]) {
        let medians = blocks.map(\.median).sorted()
        self.init(median: medians[medians.count / 2], samples: blocks.reduce(0) { $0 + $1.samples })
    }
}
