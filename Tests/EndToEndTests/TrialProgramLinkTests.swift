import Foundation
import Testing

/// What the `process` trial's program (`isorun-trial`) links: every trial
/// pays its start-up, and in `make build`'s static executable a library
/// linked is a library whose tables are relocated and paged in at each start
/// (issue 13). Read from the debug build's dynamic symbols: every function the
/// program's own code calls in a shared library is an undefined symbol there.
@Suite struct TrialProgramLinkTests {
    /// Swift Concurrency's task and clock API, and libdispatch with its Swift
    /// overlay: a `@TaskLocal`, a `ContinuousClock`, a `DispatchSemaphore` or
    /// swift-log's `Logger` anywhere in the program's modules calls into one.
    private static let shunned = [
        "swift_task_", "swift_continuation_", "swift_asyncLet", "$ss9TaskLocalC", "$ss15ContinuousClockV",
        "dispatch_", "$s8Dispatch",
    ]

    @Test func theTrialProgramCallsNeitherSwiftConcurrencyNorLibdispatch() throws {
        let trial = URL(fileURLWithPath: try IsorunBinary.require())
            .deletingLastPathComponent().appendingPathComponent("isorun-trial").path
        let symbols = try runTool("/usr/bin/readelf", ["--dyn-syms", "--wide", trial])
        try #require(symbols.status == 0, "readelf: \(symbols.stderr)")
        let called = symbols.stdout.split(separator: "\n").compactMap { line -> Substring? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 8 && fields[6] == "UND" ? fields[7] : nil
        }
        #expect(called.contains { $0.hasPrefix("swift_retain") }, "no Swift runtime call found: not the symbols of a Swift program")
        let shunned = called.filter { name in Self.shunned.contains { name.hasPrefix($0) } }
        #expect(shunned.isEmpty, "isorun-trial calls \(shunned)")
    }
}
