import Foundation

/// The floors `isorun bench` judges its figures against, measured on this
/// machine in the same run: what libzmq, a socket pair, `posix_spawn`, `fork`
/// and a minimal Swift program cost with nothing of IsoRun's around them.
///
/// Three floors are small C programs: `Benchmarks/Floors/roundtrip.c` (over
/// libzmq and over a socket pair) and `pushpull.c`, compiled on first use with
/// `cc -O2 … $(pkg-config --cflags --libs libzmq)` into ``cacheDirectory``.
/// The others use minimal Swift executables built beside `isorun`, each linked
/// as the worker it stands for: `isorun-floor` as `isorun-trial`,
/// `isorun-floor-zmq` as `isorun-worker`.
///
/// ```swift
/// let floors = Floors()
/// let roundTrip = try floors.rawRoundTrip(samples: 2000)
/// print(roundTrip.microseconds, "µs over", roundTrip.samples, "round trips")
/// ```
public struct Floors: Sendable {
    /// The folder holding the C floors' sources; `nil` to look for
    /// `Benchmarks/Floors` in the current directory, the running executable's
    /// directory, and the folders above them.
    public var sourceDirectory: URL?
    /// Where the compiled C floors are kept; `nil` for `.build/bench-floors`
    /// in the package that holds ``sourceDirectory``.
    public var cacheDirectory: URL?

    /// Creates the floors.
    ///
    /// - Parameters:
    ///   - sourceDirectory: Where the C floors' sources are, or `nil` to look for them.
    ///   - cacheDirectory: Where to build them, or `nil` for the package's `.build/bench-floors`.
    public init(sourceDirectory: URL? = nil, cacheDirectory: URL? = nil) {
        self.sourceDirectory = sourceDirectory
        self.cacheDirectory = cacheDirectory
    }

    /// The folder of the running executable, from `/proc/self/exe`.
    static func executableDirectory() throws(BenchError) -> URL {
        do {
            let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        } catch {
            throw BenchError("cannot read /proc/self/exe to find the running executable: \(error)")
        }
    }

    /// ``sourceDirectory``, or the `Benchmarks/Floors` folder found above the
    /// current directory or the running executable.
    func resolvedSourceDirectory() throws(BenchError) -> URL {
        if let sourceDirectory { return sourceDirectory }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let starts = [current, try Self.executableDirectory()]
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent("Benchmarks/Floors")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("roundtrip.c").path) {
                    return candidate
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw BenchError("""
            Benchmarks/Floors/roundtrip.c not found above \(starts.map(\.path).joined(separator: " or ")): \
            run isorun bench from the IsoRun checkout, or pass Floors(sourceDirectory:)
            """)
    }

    /// ``cacheDirectory``, or `.build/bench-floors` in the package holding the sources.
    func resolvedCacheDirectory(sources: URL) -> URL {
        cacheDirectory ?? sources.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/bench-floors")
    }

    /// `given` when there is one, else ``floorExecutable()``: a test gives its own program.
    static func floorExecutable(or given: String?) throws(BenchError) -> String {
        if let given { return given }
        return try floorExecutable()
    }

    /// A floor program (`isorun-floor`, or `isorun-floor-zmq`) in the running
    /// executable's folder, where `make bench` builds it beside `isorun`.
    public static func floorExecutable(_ name: String = "isorun-floor") throws(BenchError) -> String {
        let directory = try executableDirectory()
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("""
                \(name) not found in \(directory.path): make bench builds it beside isorun, linked as \
                the worker it stands for (isorun-floor as isorun-trial, isorun-floor-zmq as isorun-worker)
                """)
        }
        return path
    }
}
