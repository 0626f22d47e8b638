import Foundation
import Testing
import TrialRecords
@testable import Wire
import WireJSON

@Suite struct WireMessageTests {
    private let record: TrialRecord = {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "seed", strategy: .pool, trial: 4, worker: "w2", pid: 77,
            host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 4,
            outcome: .workerLost, reason: "worker killed by signal 9")
        record.totalSeconds = 0.25
        return record
    }()

    @Test func everyKindSurvivesTheRoundTrip() throws {
        let messages: [WireMessage] = [
            .hello(.init(worker: "w1", pid: 12, host: "h", launch: "exec", capabilities: ["clear"])),
            .ready,
            .task(.init(spec: TrialSpec(runID: "0123456789abcdef", experiment: "seed", strategy: .scopedGraph, trial: 3, attempt: 2), workload: .seed)),
            .record(record),
            .heartbeat(.init(worker: "w1", rssBytes: 1 << 20)),
            .shutdown,
            .error("no"),
            .open(runID: "0123456789abcdef"),
            .ack(.init(runID: "0123456789abcdef", records: [RecordKey(record)])),
            .ack(.init(runID: "0123456789abcdef", ended: true)),
            .ack(.init(runID: "0123456789abcdef", recordsPerMessage: 256)),
            .end(runID: "0123456789abcdef", records: 600),
        ]
        for message in messages {
            let frames = message.frames
            #expect(frames.count == 3)
            #expect(frames[0] == Array("isorun/2".utf8))
            #expect(frames[1] == Array(message.kind.utf8))
            #expect(try WireMessage(frames: frames) == message)
        }
    }

    @Test func payloadKeysAreTheDocumentedOnes() {
        let task = WireMessage.task(.init(spec: TrialSpec(runID: "0123456789abcdef", experiment: "e", strategy: .clear, trial: 0), workload: .seed))
        let payload = String(decoding: task.frames[2], as: UTF8.self)
        for key in ["\"batch_size\":1", "\"learning_rate\":0.001", "\"strategy\":\"clear\"", "\"run_id\":\"0123456789abcdef\""] {
            #expect(payload.contains(key), "\(key) missing from \(payload)")
        }
    }

    @Test func anAckWithAStrategyNameToEscapeSurvivesTheRoundTrip() throws {
        let odd = RecordKey(runID: "0123456789abcdef", strategy: Strategy(rawValue: "a\"b\\c\n\u{1}é"), repeat: 2, trial: 3, attempt: 4)
        let ack = WireMessage.ack(.init(runID: "0123456789abcdef", records: [odd, RecordKey(record)], ended: true))
        #expect(try WireMessage(frames: ack.frames) == ack)
    }

    @Test func anAckOfKeysOfSeveralRunsAndStrategiesSurvivesTheRoundTrip() throws {
        let names: [(String, Strategy)] = [
            ("0123456789abcdef", .pool), ("0123456789abcdef", .pool), ("0123456789abcdef", .clear),
            ("fedcba9876543210", .clear), ("0123456789abcdef", .clear), ("0123456789abcdef", .pool),
        ]
        let keys = names.enumerated().map { index, name in
            RecordKey(runID: name.0, strategy: name.1, repeat: index % 2, trial: 10 * index + 7, attempt: index + 1)
        }
        let ack = WireMessage.ack(.init(runID: "0123456789abcdef", records: keys))
        #expect(try WireMessage(frames: ack.frames) == ack)
    }

    @Test func helloAndHeartbeatPayloadsSayWhatFoundationWould() throws {
        let hello = WireMessage.Hello(worker: "w\"1", pid: 12, host: "h/é", launch: "exec", capabilities: ["clear", "pool"])
        let heartbeat = WireMessage.Heartbeat(worker: "w1", rssBytes: 1 << 40)
        func object(_ bytes: [UInt8]) throws -> NSDictionary? {
            try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary
        }
        let pairs: [([UInt8], Data)] = [
            (WireMessage.hello(hello).frames[2], try JSONEncoder().encode(hello)),
            (WireMessage.heartbeat(heartbeat).frames[2], try JSONEncoder().encode(heartbeat)),
        ]
        for (written, foundation) in pairs {
            let ours = try #require(try object(written))
            #expect(ours == (try object(Array(foundation))))
        }
    }

    @Test func emptyAndShortMessagesAreRefused() {
        #expect(throws: ProtocolError.self) { try WireMessage(frames: []) }
        #expect(throws: ProtocolError.self) { try WireMessage(frames: [Array("isorun/2".utf8), Array("ready".utf8)]) }
    }

    @Test func anotherVersionIsRefusedByName() {
        #expect {
            try WireMessage(frames: [Array("isorun/1".utf8), Array("ready".utf8), Array("{}".utf8)])
        } throws: { error in
            "\(error)".contains("isorun/1") && "\(error)".contains("isorun/2")
        }
    }

    @Test func unknownKindsAndBadPayloadsAreRefused() {
        let version = Array("isorun/2".utf8)
        #expect {
            try WireMessage(frames: [version, Array("dance".utf8), Array("{}".utf8)])
        } throws: { "\($0)".contains("unknown message kind 'dance'") }
        #expect {
            try WireMessage(frames: [version, Array("record".utf8), Array("{\"trial\":".utf8)])
        } throws: { "\($0)".contains("malformed record payload") }
        #expect {
            try WireMessage(frames: [version, Array("task".utf8), [0xff, 0xfe]])
        } throws: { "\($0)".contains("malformed task payload") }
    }
}

@Suite struct TaskDecoderTests {
    private let spec = TrialSpec(runID: "0123456789abcdef", experiment: "seed", strategy: .pool, trial: 5, repeat: 1, attempt: 2)

    @Test func theCoordinatorsLayoutDecodesLikeFoundation() throws {
        let frames = TaskEncoder(workloadJSON: WireMessage.Task.json(of: .seed)).frames(for: spec)
        let fast = try WireMessage(frames: frames, tasks: TaskDecoder())
        #expect(fast == .task(.init(spec: spec, workload: .seed)))
    }

    /// A packet is the frames of the same task, each after its length; a spec
    /// longer than the room made for it, with characters to escape, still
    /// comes out whole.
    @Test func aTaskPacketIsItsFramesAsOnePacket() throws {
        let tasks = TaskEncoder(workloadJSON: WireMessage.Task.json(of: .seed))
        var long = spec
        long.experiment = "a \"quoted\" name, " + String(repeating: "é", count: 300)
        for spec in [spec, long] {
            let packet = tasks.packet(for: spec)
            #expect(packet == WirePacket.encode(tasks.frames(for: spec)))
            let decoded = try WireMessage(frames: WirePacket.decode(packet), tasks: TaskDecoder())
            #expect(decoded == .task(.init(spec: spec, workload: .seed)))
        }
    }

    @Test func anotherLayoutOfTheSameTaskStillDecodes() throws {
        let spec = #"{"attempt": 2, "repeat": 1, "trial": 5, "strategy": "pool", "experiment": "seed", "run_id": "0123456789abcdef"}"#
        let payload = #"{ "workload": \#(WireMessage.Task.json(of: .seed)), "spec": \#(spec) }"#
        let frames = [Array("isorun/2".utf8), Array("task".utf8), Array(payload.utf8)]
        #expect(try WireMessage(frames: frames, tasks: TaskDecoder()) == .task(.init(spec: self.spec, workload: .seed)))
    }

    @Test func aChangedWorkloadIsNotTakenFromTheCache() throws {
        let decoder = TaskDecoder()
        var other = Workload.seed
        other.layers[0].units = 3
        for workload in [Workload.seed, .seed, other, other, .seed] {
            let frames = TaskEncoder(workloadJSON: WireMessage.Task.json(of: workload)).frames(for: spec)
            #expect(try WireMessage(frames: frames, tasks: decoder) == .task(.init(spec: spec, workload: workload)))
        }
    }
}

@Suite struct WireMessageRulesTests {
    private let version = Array("isorun/2".utf8)

    private func refusal(_ kind: String, _ payload: String) -> String? {
        do {
            _ = try WireMessage(frames: [version, Array(kind.utf8), Array(payload.utf8)])
            return nil
        } catch {
            return error.message
        }
    }

    @Test func aHelloWithBadNamesOrTooManyCapabilitiesIsRefusedByKey() {
        let good = #"{"worker":"a","pid":1,"host":"h","launch":"external","capabilities":["clear"]}"#
        #expect(refusal("hello", good) == nil)
        #expect(refusal("hello", good.replacingOccurrences(#""h""#, #""h\n""#))?.contains("'host'") == true)
        #expect(refusal("hello", good.replacingOccurrences(#""a""#, #""""#))?.contains("'worker'") == true)
        let many = "[" + Array(repeating: #""clear""#, count: 65).joined(separator: ",") + "]"
        #expect(refusal("hello", good.replacingOccurrences(#"["clear"]"#, many))?.contains("'capabilities'") == true)
    }

    @Test func heartbeatsAndEndsOutOfBoundsAreRefused() {
        #expect(refusal("heartbeat", #"{"worker":"a","rss_bytes":5}"#) == nil)
        #expect(refusal("heartbeat", #"{"worker":"a","rss_bytes":-5}"#)?.contains("'rss_bytes'") == true)
        #expect(refusal("end", #"{"run_id":"0123456789abcdef","records":-1}"#)?.contains("'records'") == true)
    }

    @Test func aRecordBreakingARuleIsRefusedBeforeDecoding() throws {
        let record = TrialRecord(
            runID: "0123456789abcdef", experiment: "e", strategy: .clear, trial: 0, worker: "w1", pid: 1, host: "h",
            launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 0)
        let line = record.jsonLine().replacingOccurrences(#""fit_s":null"#, #""fit_s":1e308"#)
        #expect(refusal("record", line)?.contains("malformed record payload: 'fit_s'") == true)
        #expect(throws: ProtocolError.self) {
            try WireMessage.checkedRecord(frames: [version, Array("record".utf8), Array(line.utf8)])
        }
        #expect(try WireMessage.checkedRecord(frames: WireMessage.ready.frames) == nil)
    }
}
