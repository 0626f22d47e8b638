import Foundation
import Testing
import TrialRecords
@testable import Wire
import WireJSON

@Suite struct WorkloadReaderTests {
    /// The seed, the empty workload, and one with every field away from the
    /// defaults: extreme and negative numbers, empty rows, escapes in a name.
    private static let workloads = [
        Workload.seed, .empty,
        Workload(
            inputs: 3, layers: [.init(units: 2, activation: "re\"lu\\"), .init(units: 1, activation: "tanh")], loss: "mse",
            optimizer: .init(kind: "sgd", learningRate: 1e-7, beta1: 0.1, beta2: -3.25e10, epsilon: .leastNonzeroMagnitude),
            epochs: 12, batchSize: 7, x: [[1.7976931348623157e308, -0.0, 2], [], [0.30000000000000004]], y: [[-1]]),
    ]

    /// The workload as `JSONEncoder` writes it, keys sorted so that tests can edit it.
    private func json(_ workload: Workload) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(workload))
    }

    private func foundation(_ text: String) -> Workload? {
        try? JSONDecoder().decode(Workload.self, from: Data(text.utf8))
    }

    @Test func whatJSONEncoderWritesReadsBackAsJSONDecoderReadsIt() throws {
        for workload in Self.workloads {
            let bytes = try json(workload)
            let read = try #require(WorkloadReader.read(bytes[...]))
            #expect(read == workload)
            #expect(read == (try JSONDecoder().decode(Workload.self, from: Data(bytes))))
        }
    }

    @Test func whatTheWireWritesWithoutFoundationReadsBackByBothReaders() throws {
        for workload in Self.workloads {
            let bytes = Array(WireMessage.Task.json(of: workload).utf8)
            #expect(WorkloadReader.read(bytes[...]) == workload)
            #expect(try JSONDecoder().decode(Workload.self, from: Data(bytes)) == workload)
        }
    }

    @Test func anyOrderSpacingAndEscapesReadAsJSONDecoderReadsThem() throws {
        let text = """
             { "y" : [ [1] ], "x":[[1,1]],"batch_size":1, "epochs" : 2 ,"loss":"m\\u0073e",
              "optimizer":{"epsilon":1E-7,"beta2":0.999,"beta1":0.9,"learning_rate":1e-3,"kind":"adam"},
              "layers":[{"activation":"re\\u006cu","units":8}], "inputs":2 }\t
            """
        let read = try #require(WorkloadReader.read(Array(text.utf8)[...]))
        #expect(read == foundation(text))
        #expect(read.layers.first?.activation == "relu")
    }

    @Test func anythingElseIsLeftToJSONDecoder() throws {
        let seed = String(decoding: try json(.seed), as: UTF8.self)
        let others = [
            seed.replacingOccurrences(of: #""epochs":1"#, with: #""epochs":1,"extra":0"#),
            seed.replacingOccurrences(of: #""epochs":1,"#, with: ""),
            seed.replacingOccurrences(of: #""epochs":1"#, with: #""epochs":"1""#),
            seed.replacingOccurrences(of: #""epochs":1"#, with: #""epochs":9007199254740993"#),
            seed.replacingOccurrences(of: #""epochs":1"#, with: #""epochs":1.5"#),
            seed.replacingOccurrences(of: #""epochs":1"#, with: #""epochs":true"#),
            seed.replacingOccurrences(of: #""learning_rate":0.001"#, with: #""learning_rate":1e999"#),
            seed + "x",
            "[]",
        ]
        for text in others {
            #expect(seed != text)
            #expect(WorkloadReader.read(Array(text.utf8)[...]) == nil, "\(text)")
        }
        // What the reader leaves, TaskDecoder hands to JSONDecoder: it still
        // takes an unknown key, and still refuses a missing one.
        let spec = TrialSpec(runID: "0123456789abcdef", experiment: "e", strategy: .clear, trial: 0)
        let task = { (workload: String) in try TaskDecoder().decode(TaskEncoder(workloadJSON: workload).payload(for: spec)) }
        #expect(try task(others[0]).workload == .seed)
        #expect(throws: DecodingError.self) { try task(others[1]) }
    }
}
