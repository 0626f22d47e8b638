@testable import IsoRun
import Testing

struct PeerKeysTests {
    private let launched = "launched-key"

    @Test func reservedIdsBelongToTheLaunchedWorkersKey() {
        var keys = PeerKeys(launchedKey: launched)
        #expect(keys.refusal(sender: "w1", key: launched) == nil)
        #expect(keys.refusal(sender: "w12", key: "another-authorized-key")?.contains("reserved") == true)
    }

    @Test func anotherIdIsBoundToTheFirstKeyThatUsesIt() {
        var keys = PeerKeys(launchedKey: launched)
        #expect(keys.refusal(sender: "host2-a", key: "key-a") == nil)
        #expect(keys.refusal(sender: "host2-a", key: "key-a") == nil)
        #expect(keys.refusal(sender: "host2-a", key: "key-b")?.contains("another key") == true)
        #expect(keys.refusal(sender: "host2-b", key: "key-b") == nil)
    }

    @Test func aConnectionWithoutAKeyIsRefused() {
        var keys = PeerKeys(launchedKey: launched)
        #expect(keys.refusal(sender: "host2-a", key: nil) != nil)
        #expect(keys.refusal(sender: "w1", key: nil) != nil)
    }

    @Test func newIdsPastTheLimitAreRefusedAndBoundOnesStillServed() {
        var keys = PeerKeys(launchedKey: launched)
        for index in 0..<PeerKeys.limit { #expect(keys.refusal(sender: "x\(index)", key: "k") == nil) }
        #expect(keys.refusal(sender: "one-more", key: "k")?.contains("too many") == true)
        #expect(keys.refusal(sender: "x0", key: "k") == nil)
        #expect(keys.refusal(sender: "w3", key: launched) == nil)
    }
}
