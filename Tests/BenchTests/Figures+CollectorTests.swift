import Foundation
import Testing
@testable import Bench

@Suite struct FiguresCollectorTests {
    @Test func collectorIngestWritesEveryRecord() throws {
        let folder = try madeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let figure = try Figures.collectorIngest(in: folder, records: 2_000, recordsPerMessage: 256)
        #expect(figure.received == 2_000)
        #expect(figure.messagesPerSecond > 0)
        let lines = try String(contentsOf: folder.appendingPathComponent("bench-collector.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 2_000)
    }

    @Test func receiveOnlyTakesEveryMessageAndWritesNothing() throws {
        let folder = try madeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let figure = try Figures.collectorReceiveOnly(in: folder, records: 2_000)
        #expect(figure.sent == 2_000)
        #expect(figure.received == 2_000)
        #expect(figure.messagesPerSecond > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".jsonl") })
    }
}
