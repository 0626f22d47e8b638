import Foundation
import Testing
import TrialRecords
import Wire

extension EndToEnd {
    /// `isorun collect` driven by hand over its exchange: what it stores, what it
    /// acknowledges, and which `end` it takes.
    @Suite struct CollectorExchangeTests {
        private let runA = "aaaaaaaaaaaaaaaa"
        private let runB = "bbbbbbbbbbbbbbbb"

        @Test func aRecordSentThreeTimesIsStoredOnceAndAcknowledgedThreeTimes() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint, out) = (try await test.start(), test.endpoint, test.out)
                let client = try CollectorClient(connect: endpoint)
                let record = TrialRecord.sample(runID: runA, trial: 0)
                try client.send(.open(runID: runA))
                for _ in 0..<3 { try client.send(.record(record)) }
                try client.send(.end(runID: runA, records: 1))
                let acks = try client.acks { $0.contains(where: \.ended) }
                #expect(acks.allSatisfy { $0.runID == runA })
                #expect(acks.flatMap(\.records) == Array(repeating: RecordKey(record), count: 3))
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out) == [record])
                #expect(!finished.stderr.contains("ended saying"), "the count agrees; stderr:\n\(finished.stderr)")
            }
        }

        @Test func anEndWhoseCountDisagreesIsReportedWithBothCounts() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint) = (try await test.start(), test.endpoint)
                let client = try CollectorClient(connect: endpoint)
                try client.send(.record(.sample(runID: runA, trial: 0)))
                try client.send(.end(runID: runA, records: 2))
                _ = try client.acks { $0.contains(where: \.ended) }
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0)
                #expect(finished.stderr.contains("run \(runA) ended saying it wrote 2 records, but this collector holds 1"),
                        "stderr:\n\(finished.stderr)")
            }
        }

        @Test func anEndFromARunItDoesNotKnowIsIgnored() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint, out) = (try await test.start(), test.endpoint, test.out)
                let client = try CollectorClient(connect: endpoint)
                // A forged end first; were it taken, `--runs 1` would stop the collector
                // before the real run's records, which follow on the same connection.
                try client.send(.end(runID: runB, records: 0))
                try client.send(.open(runID: runA))
                try client.send(.record(.sample(runID: runA, trial: 0)))
                try client.send(.end(runID: runA, records: 1))
                let acks = try client.acks { $0.contains(where: \.ended) }
                #expect(!acks.contains { $0.runID == runB }, "the forged end was acknowledged: \(acks)")
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out).map(\.runID) == [runA])
                #expect(finished.stderr.contains("ignored an end for run \(runB)"), "stderr:\n\(finished.stderr)")
            }
        }

        @Test func runsCountsDistinctRunIDs() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint, out) = (try await test.start(runs: 2), test.endpoint, test.out)
                let client = try CollectorClient(connect: endpoint)
                try client.send(.open(runID: runA))
                try client.send(.record(.sample(runID: runA, trial: 0)))
                try client.send(.end(runID: runA, records: 1))
                _ = try client.acks { $0.contains(where: \.ended) }
                // The same run's end again (a resend): acknowledged, not counted.
                try client.send(.end(runID: runA, records: 1))
                _ = try client.acks { $0.contains(where: \.ended) }
                #expect(collector.isRunning, "one run has ended, twice; stderr:\n\(collector.stderr)")
                try client.send(.open(runID: runB))
                try client.send(.record(.sample(runID: runB, trial: 0)))
                try client.send(.end(runID: runB, records: 1))
                _ = try client.acks { $0.contains(where: \.ended) }
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out).map(\.runID) == [runA, runB])
                #expect(finished.stderr.contains("2 records from 2 runs"), "stderr:\n\(finished.stderr)")
            }
        }

        @Test func aRecordsMessageIsStoredRecordByRecordAndABadRecordInItRefusedAlone() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint, out) = (try await test.start(), test.endpoint, test.out)
                let client = try CollectorClient(connect: endpoint)
                let records = (0..<3).map { TrialRecord.sample(runID: runA, trial: $0) }
                var bad = TrialRecord.sample(runID: runA, trial: 3).jsonBytes()
                bad.replaceSubrange(bad.firstRange(of: Array(#""trial":3"#.utf8))!, with: Array(#""trial":3.5"#.utf8))
                try client.send(.open(runID: runA))
                let opened = try client.acks { !$0.isEmpty }
                #expect(opened.first?.recordsPerMessage == 256, "an ack says how many records a message may carry")
                // Records 0 and 1, the bad one, 1 again and 2: four stored or held, one refused.
                let lines = [records[0].jsonBytes(), records[1].jsonBytes(), bad, records[1].jsonBytes(), records[2].jsonBytes()]
                try client.send(frames: WireMessage.recordsFrames(lines: lines))
                try client.send(.end(runID: runA, records: 3))
                let acks = try client.acks { $0.contains(where: \.ended) }
                #expect(acks.flatMap(\.records) == [0, 1, 1, 2].map { RecordKey(records[$0]) })
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out) == records)
                #expect(finished.stderr.contains("refused a record of a records message: 'trial'"), "stderr:\n\(finished.stderr)")
                #expect(!finished.stderr.contains("ended saying"), "the count agrees; stderr:\n\(finished.stderr)")
            }
        }

        @Test func aRecordsMessageOfMoreRecordsThanTheCollectorSaidIsRefusedWhole() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (collector, endpoint, out) = (try await test.start(), test.endpoint, test.out)
                let client = try CollectorClient(connect: endpoint)
                let lines = (0..<257).map { TrialRecord.sample(runID: runA, trial: $0).jsonBytes() }
                try client.send(.open(runID: runA))
                try client.send(frames: WireMessage.recordsFrames(lines: lines))
                try client.send(.end(runID: runA, records: 0))
                let acks = try client.acks { $0.contains(where: \.ended) }
                #expect(acks.flatMap(\.records).isEmpty)
                let finished = try await collector.wait(timeout: .seconds(20))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out).isEmpty)
                #expect(finished.stderr.contains("a records message of more than 256 records; at most 256"), "stderr:\n\(finished.stderr)")
            }
        }
    }
}
