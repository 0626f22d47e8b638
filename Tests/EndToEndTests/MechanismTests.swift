import Foundation
import Testing
import TrialRecords

extension EndToEnd {
    /// The slowdown's mechanism, read structurally from the records of a real
    /// single-process run: what executor builds copied, and how big the graph is.
    @Suite struct MechanismTests {
        private func run(_ strategies: String, trials: Int, in folder: TemporaryFolder) async throws -> [String: [TrialRecord]] {
            let out = folder.path("records.jsonl")
            let finished = try await runIsorun(
                ["run", "--local", "--strategies", strategies, "--trials", "\(trials)", "--out", out, "--quiet"],
                in: folder)
            #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
            return Dictionary(grouping: try readRecords(out), by: \.strategy.rawValue)
                .mapValues { $0.sorted { $0.trial < $1.trial } }
        }

        @Test func withoutClearingEachModelCopiesAllTheModelsBeforeIt() async throws {
            try await withTemporaryFolder { folder in
                let records = try await run("no-clear,clear,scoped-session,scoped-graph", trials: 12, in: folder)
                for strategy in ["no-clear", "scoped-session"] {
                    let copied = try #require(records[strategy]).compactMap(\.nodesCopied)
                    #expect(zip(copied, copied.dropFirst()).allSatisfy { $0 < $1 }, "\(strategy) copied \(copied)")
                    let nodes = try #require(records[strategy]).compactMap(\.graphNodes)
                    #expect(zip(nodes, nodes.dropFirst()).allSatisfy { $0 < $1 }, "\(strategy) graph \(nodes)")
                }
                for strategy in ["clear", "scoped-graph"] {
                    let copied = try #require(records[strategy]).compactMap(\.nodesCopied)
                    #expect(Set(copied).count == 1, "\(strategy) copied \(copied)")
                    let nodes = try #require(records[strategy]).compactMap(\.graphNodes)
                    #expect(Set(nodes).count == 1, "\(strategy) graph \(nodes)")
                }
                let first = try #require(records["clear"]?.first?.nodesCopied)
                let last = try #require(records["no-clear"]?.last?.nodesCopied)
                #expect(last > 5 * first, "model 12 without clearing copies the 11 before it")
            }
        }

        @Test func aSessionOverTheSharedGraphCopiesItAllAgain() async throws {
            try await withTemporaryFolder { folder in
                let records = try await run("no-clear,scoped-session", trials: 8, in: folder)
                let shared = try #require(records["no-clear"]).compactMap(\.nodesCopied)
                let scoped = try #require(records["scoped-session"]).compactMap(\.nodesCopied)
                // A fresh session imports the whole graph before building its executors.
                #expect(zip(scoped, shared).dropFirst().allSatisfy { $0 > $1 }, "scoped \(scoped) vs shared \(shared)")
            }
        }
    }
}
