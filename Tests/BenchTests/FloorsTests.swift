import Foundation
import Testing
@testable import Bench

@Suite struct FloorsTests {
    @Test func findsTheCSourcesFromThePackage() throws {
        let sources = try Floors().resolvedSourceDirectory()
        #expect(sources.lastPathComponent == "Floors")
        #expect(FileManager.default.fileExists(atPath: sources.appendingPathComponent("pushpull.c").path))
    }

    @Test func cacheDefaultsToTheBuildFolderOfThePackage() throws {
        let sources = URL(fileURLWithPath: "/repo/Benchmarks/Floors")
        #expect(Floors().resolvedCacheDirectory(sources: sources).path == "/repo/.build/bench-floors")
        let cache = URL(fileURLWithPath: "/tmp/floors")
        #expect(Floors(cacheDirectory: cache).resolvedCacheDirectory(sources: sources) == cache)
    }

    @Test func missingSourcesSayWhereTheyBelong() throws {
        let floors = Floors(sourceDirectory: temporaryFolder(), cacheDirectory: temporaryFolder())
        let error = #expect(throws: BenchError.self) { try floors.rawRoundTrip(samples: 1) }
        #expect(error?.message.contains("Benchmarks/Floors") == true)
    }
}
