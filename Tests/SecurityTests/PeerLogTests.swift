import Logging
import Synchronization
import Testing
import Security

/// A log handler that keeps every line it is given, for tests to read.
struct CapturingLogHandler: LogHandler {
    let sink: CapturedLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.lines.withLock { $0.append("\(event.message)") }
    }
}

/// A logger whose lines land in `lines`.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in CapturingLogHandler(sink: self) }
    }

    var all: [String] { lines.withLock { $0 } }
}

@Suite struct PeerLogTests {
    /// A clock the test moves by hand.
    final class Hand {
        let base = ContinuousClock.now
        var offset = Duration.zero
        var now: ContinuousClock.Instant { base + offset }
    }

    @Test func controlBytesAndLineBreaksFromPeersAreEscaped() {
        let captured = CapturedLog()
        let log = PeerLog(captured.logger)
        log.log(.warning, "refused 'w\u{0}1\nFAKE: line\r\u{1b}[31m\u{85}'")
        #expect(captured.all == [#"refused 'w\u{0}1\u{a}FAKE: line\u{d}\u{1b}[31m\u{85}'"#])
    }

    @Test func aLongLineIsCut() {
        let captured = CapturedLog()
        PeerLog(captured.logger).log(.warning, String(repeating: "x", count: 10_000))
        #expect(captured.all.first?.count == PeerLog.lineLimit + 1)
        #expect(captured.all.first?.hasSuffix("…") == true)
    }

    @Test func aFloodIsCutToTheRateAndTheRestCountedOnce() {
        let captured = CapturedLog()
        let hand = Hand()
        let log = PeerLog(captured.logger) { hand.now }
        for index in 0..<1000 { log.log(.warning, "bad message \(index)") }
        #expect(captured.all.count == PeerLog.linesPerSecond)
        hand.offset = .milliseconds(1001)
        log.log(.warning, "next second")
        let lines = captured.all
        #expect(lines.count == PeerLog.linesPerSecond + 2)
        #expect(lines[PeerLog.linesPerSecond].hasPrefix("suppressed \(1000 - PeerLog.linesPerSecond) more log lines"))
        #expect(lines.last == "next second")
    }

    @Test func whatIsSuppressedAtTheEndIsToldByFlush() {
        let captured = CapturedLog()
        let hand = Hand()
        let log = PeerLog(captured.logger) { hand.now }
        for _ in 0..<(PeerLog.linesPerSecond + 3) { log.log(.warning, "x") }
        log.flush()
        log.flush()
        #expect(captured.all.filter { $0.hasPrefix("suppressed 3 ") }.count == 1)
    }

    @Test func linesBelowTheLevelDoNotUseTheBudget() {
        let captured = CapturedLog()
        var logger = captured.logger
        logger.logLevel = .warning
        let log = PeerLog(logger)
        for _ in 0..<100 { log.log(.info, "chatter") }
        log.log(.warning, "seen")
        #expect(captured.all == ["seen"])
    }
}
