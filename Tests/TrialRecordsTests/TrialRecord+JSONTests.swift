import Foundation
import Testing
import TrialRecords

@Suite struct TrialRecordJSONTests {
    @Test func aRecordWithNothingMeasuredWritesNullsAndReadsBack() throws {
        let line = TrialRecord.lost.jsonLine()
        for key in ["create_s", "fit_s", "test_s", "total_s", "isolation_s", "wall_s", "rss_bytes",
                    "peak_rss_bytes", "graph_nodes", "live_variables", "nodes_copied", "recycled"] {
            #expect(line.contains("\"\(key)\":null"), "\(key) not null in \(line)")
        }
        #expect(try TrialRecord(jsonLine: line) == .lost)
    }

    @Test func everyKeyIsAlwaysPresentInTheContractsOrder() throws {
        for record in [TrialRecord.lost, .sample()] {
            let object = try #require(FlatJSONObject(Array(record.jsonLine().utf8)))
            #expect(object.members.map(\.key) == [
                "record_version", "run_id", "experiment", "strategy", "trial", "repeat", "attempt", "worker", "pid",
                "host", "launch", "started_at", "models_before", "create_s", "fit_s", "test_s", "total_s",
                "isolation_s", "wall_s", "rss_bytes", "peak_rss_bytes", "graph_nodes", "live_variables",
                "nodes_copied", "outcome", "reason", "recycled",
            ])
            #expect(object.integer("record_version") == 2)
        }
    }

    @Test func aFullRecordSurvivesTheRoundTripAndFoundationReadsTheSame() throws {
        var record = TrialRecord.sample(outcome: .failed, reason: "quote \" and\nnewline")
        record.recycled = "max-rss"
        let line = record.jsonLine()
        #expect(try TrialRecord(jsonLine: line) == record)
        let viaFoundation = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(viaFoundation["reason"] as? String == "quote \" and\nnewline")
        #expect(viaFoundation["peak_rss_bytes"] as? Int == 1 << 31)
    }

    @Test func timesAreRoundedToTheNanosecondInTheirShortestForm() throws {
        var record = TrialRecord.lost
        record.createSeconds = 0.00044209900000000005
        record.fitSeconds = 1.23456789049
        record.testSeconds = 1e308
        record.wallSeconds = .infinity
        let line = record.jsonLine()
        #expect(line.contains(#""create_s":0.000442099,"#))
        #expect(line.contains(#""fit_s":1.23456789,"#))
        #expect(line.contains(#""test_s":1e+308,"#))
        #expect(line.contains(#""wall_s":null,"#))
    }

    @Test func unknownKeysAreIgnoredAndKeysOutOfOrderAreFound() throws {
        let object = try #require(FlatJSONObject(Array(TrialRecord.sample().jsonLine().utf8)))
        var writer = FlatJSONWriter()
        writer.add("from_python", "extra")
        for member in object.members.reversed() {
            let key = member.key
            switch member.value {
            case .string(let text): writer.add(key, text)
            case .number(let number): writer.add(key, json: number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)")
            case .null: writer.add(key, json: "null")
            case .bool(let flag): writer.add(key, json: "\(flag)")
            }
        }
        #expect(try TrialRecord(jsonLine: writer.finish()) == .sample())
    }

    @Test func anOpenStrategyAndLaunchReadBackAsTheyWere() throws {
        var record = TrialRecord.sample(strategy: Strategy(rawValue: "keras-tf2"))
        record.launch = Launch(rawValue: "slurm")
        #expect(try TrialRecord(jsonLine: record.jsonLine()) == record)
    }

    @Test func eachDefectIsNamed() {
        let line = TrialRecord.sample().jsonLine()
        let cases: [(String, RecordDecodingError)] = [
            ("", .notFlatJSON),
            ("[1]", .notFlatJSON),
            (#"{"a":{"b":1}}"#, .notFlatJSON),
            (line + "x", .notFlatJSON),
            (#"{"experiment":"x"}"#, .version(nil)),
            (line.replacingOccurrences(of: #""record_version":2"#, with: #""record_version":3"#), .version(3)),
            (line.replacingOccurrences(of: #""run_id":"9f1c0e4a2b7d4c11","#, with: ""), .missingKey("run_id")),
            (line.replacingOccurrences(of: #""trial":3"#, with: #""trial":"three""#),
             .wrongType(key: "trial", expected: "an integer")),
            (line.replacingOccurrences(of: #""trial":3"#, with: #""trial":3.5"#),
             .wrongType(key: "trial", expected: "an integer")),
            (line.replacingOccurrences(of: #""pid":99"#, with: #""pid":1e300"#),
             .wrongType(key: "pid", expected: "an integer")),
            (line.replacingOccurrences(of: #""outcome":"ok""#, with: #""outcome":"great""#),
             .wrongType(key: "outcome", expected: "ok, failed, timeout or worker-lost")),
            (line.replacingOccurrences(of: #""fit_s":0.5"#, with: #""fit_s":"slow""#),
             .wrongType(key: "fit_s", expected: "a number or null")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try TrialRecord(jsonLine: text) }
        }
        #expect("\(RecordDecodingError.version(1))" == "record version 1; this isorun reads version 2")
    }
}
