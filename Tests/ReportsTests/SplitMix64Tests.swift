import Analysis
import Reports
import Testing

@Suite struct SplitMix64Tests {
    @Test func theSameSeedGivesTheSameSequence() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var c = SplitMix64(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test func theFirstValueMatchesTheReferenceImplementation() {
        // SplitMix64 with seed 0 starts 0xE220A8397B1DCDAF (Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }
}
