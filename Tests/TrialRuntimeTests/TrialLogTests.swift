import Foundation
import Testing
import Wire
@testable import TrialRuntime

@Suite struct TrialLogTests {
    /// The lines `body` writes to a log at `level`, read back through a pipe.
    private func lines(at level: LogLevel, _ body: (TrialLog) -> Void) -> [String] {
        let pipe = Pipe()
        var log = TrialLog(label: "isorun.trial.w3", level: level)
        log.descriptor = pipe.fileHandleForWriting.fileDescriptor
        body(log)
        try? pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aLineHasTheTimeTheLevelTheLabelAndTheText() throws {
        let written = lines(at: .warning) { $0.error("the coordinator's link closed") }
        #expect(written.count == 2 && written.last == "", "one line, ended by a newline: \(written)")
        let line = try #require(written.first)
        let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} error isorun\.trial\.w3: the coordinator's link closed$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
    }

    @Test func linesBelowTheLevelAreNotWritten() {
        let written = lines(at: .error) { log in
            log.log(.warning, "not written")
            log.log(.debug, "nor this")
            log.log(.critical, "written")
        }
        #expect(written.count == 2)
        #expect(written.first?.hasSuffix(" critical isorun.trial.w3: written") == true, "\(written)")
    }

    @Test func levelsAreOrderedAsSwiftLogsAre() {
        #expect(LogLevel.allCases.map(\.rawValue) == ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        #expect(LogLevel.allCases == LogLevel.allCases.sorted())
        #expect(LogLevel.trace < .critical && !(LogLevel.error < .warning))
    }

    @Test func aRefusalIsAnErrorAndAnyOtherMessageAWarning() {
        #expect(WireMessage.error("bad frame").noteForWorker.level == .error)
        #expect(WireMessage.error("bad frame").noteForWorker.text.contains("bad frame"))
        let note = WireMessage.ready.noteForWorker
        #expect(note.level == .warning)
        #expect(note.text == "ignored a ready message, which only a coordinator or collector receives")
    }
}
