@testable import Collecting
import Testing
import Wire

/// How a run's link packs records into messages for its collector.
@Suite struct RecordMessagesTests {
    private typealias Messages = CollectorLink.RecordMessages

    private func kinds(_ messages: [[[UInt8]]]) -> [String] {
        messages.map { String(decoding: $0[1], as: UTF8.self) }
    }

    private func pack(_ lines: [[UInt8]], recordsPerMessage: Int) -> [[[UInt8]]] {
        var messages = Messages(recordsPerMessage: recordsPerMessage)
        let sent = lines.compactMap { messages.add($0) }
        return sent + (messages.flush().map { [$0] } ?? [])
    }

    @Test(arguments: [0, 1])
    func aCollectorThatTakesNoRecordsMessageGetsOneRecordAMessage(recordsPerMessage: Int) {
        let lines = (0..<3).map { Array("{\"trial\":\($0)}".utf8) }
        let sent = pack(lines, recordsPerMessage: recordsPerMessage)
        #expect(kinds(sent) == ["record", "record", "record"])
        #expect(sent.map { $0[2] } == lines)
    }

    @Test func recordsArePackedUpToTheCollectorsCountInOrder() {
        let lines = (0..<7).map { Array("{\"trial\":\($0)}".utf8) }
        let sent = pack(lines, recordsPerMessage: 3)
        #expect(kinds(sent) == ["records", "records", "records"])
        #expect(sent.map { $0[2].split(separator: 0x0A).count } == [3, 3, 1])
        #expect(sent.flatMap { $0[2].split(separator: 0x0A).map(Array.init) } == lines)
    }

    @Test func aMessageIsFilledToItsBytesAndALargerRecordGoesAlone() {
        let third = Messages.payloadBytes / 3 + 1
        let lines = [third, third, third, Messages.payloadBytes + 1, 10].map { [UInt8](repeating: 0x61, count: $0) }
        let sent = pack(lines, recordsPerMessage: 256)
        #expect(sent.map { $0[2].split(separator: 0x0A).count } == [2, 1, 1, 1])
    }
}
