import Analysis
import Charts
import Reports
import Testing
import TrialRecords

@Suite struct StrategyPaletteTests {
    @Test func knownStrategiesHaveDistinctFixedColours() {
        let colours = Strategy.known.map(StrategyPalette.colour(of:))
        #expect(Set(colours).count == colours.count)
        #expect(StrategyPalette.colour(of: "no-clear") == "#D55E00")
    }

    @Test func anUnknownStrategyAlwaysGetsTheSameColour() {
        #expect(StrategyPalette.colour(of: "mine") == StrategyPalette.colour(of: "mine"))
        #expect(!StrategyPalette.known.values.contains(StrategyPalette.colour(of: "mine")))
    }
}
