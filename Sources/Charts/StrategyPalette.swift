import TrialRecords

/// Colours of strategies in charts: Okabe and Ito's colourblind-safe palette, each known
/// strategy keyed to the same colour in every chart.
public enum StrategyPalette {
    /// The colour of each known strategy.
    public static let known: [Strategy: String] = [
        .noClear: "#D55E00",  // vermillion
        .clear: "#0072B2",  // blue
        .scopedSession: "#009E73",  // bluish green
        .scopedGraph: "#CC79A7",  // reddish purple
        .process: "#E69F00",  // orange
        .pool: "#56B4E9",  // sky blue
    ]

    /// Colours left for strategies IsoRun does not know: black, grey, yellow.
    private static let others = ["#000000", "#777777", "#C9B800"]

    /// The colour of `strategy` as `#RRGGBB`; an unknown name always gets the same one of
    /// the remaining colours (chosen by an FNV-1a hash of its name).
    public static func colour(of strategy: Strategy) -> String {
        if let colour = known[strategy] { return colour }
        var hash: UInt32 = 2_166_136_261
        for byte in strategy.rawValue.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return others[Int(hash % UInt32(others.count))]
    }
}
