@testable import Collecting
import Testing

@Suite struct TrialSetTests {
    @Test func trialsFromZeroAreHeldOnceEachInTheBitmap() {
        var set = TrialSet()
        let firstTimes = (0..<10_000).map { set.insert($0) }
        #expect(firstTimes.allSatisfy { $0 })
        let againTimes = (0..<10_000).map { set.insert($0) }
        #expect(againTimes.allSatisfy { !$0 }, "each one sent again")
        #expect(set.count == 10_000)
        #expect(set.denseBound >= 10_000 && set.denseBound <= 20_480, "a bit a trial, doubling")
        #expect(!set.contains(10_000))
    }

    /// A forged index far past what is held costs a hashed entry, not a bitmap reaching it.
    @Test func anIndexFarPastWhatIsHeldGoesToTheHashSet() {
        var set = TrialSet()
        let forged = set.insert(1 << 50)
        let forgedAgain = set.insert(1 << 50)
        let later = set.insert(4095)
        #expect(forged && !forgedAgain && later)
        #expect(set.denseBound <= 64 * 4, "the bitmap stays within 64 bits a trial held: \(set.denseBound)")
        #expect(set.contains(1 << 50) && set.contains(4095) && !set.contains(4094))
        #expect(set.count == 2)
    }

    /// A run whose early trials went elsewhere (a collector that joined late)
    /// starts in the hash set; once enough are held, the bitmap takes them over.
    @Test func trialsOfTheHashSetMoveIntoTheBitmapWhenItCoversThem() {
        var set = TrialSet()
        let firstTimes = (5_000..<6_000).map { set.insert($0) }
        #expect(firstTimes.allSatisfy { $0 })
        #expect(set.denseBound >= 6_000, "\(set.denseBound)")
        let againTimes = (5_000..<6_000).map { set.insert($0) }
        #expect(againTimes.allSatisfy { !$0 } && (5_000..<6_000).allSatisfy(set.contains))
        #expect(!set.contains(4_999) && set.count == 1_000)
        let negative = set.insert(-1)
        let negativeAgain = set.insert(-1)
        #expect(negative && !negativeAgain && set.contains(-1), "a negative index, from a file, is still held once")
    }
}
