import Foundation

/// One of the C floors in `Benchmarks/Floors`: compiled on demand, then run.
struct CProgram {
    /// The source's name without `.c`, such as `roundtrip`.
    let name: String
    /// The folder holding the source.
    let sources: URL
    /// The folder the executable is built into.
    let cache: URL

    /// The built executable, compiling it first when it is missing or older
    /// than its source, with `cc -O2 NAME.c -o … $(pkg-config --cflags --libs libzmq)`.
    ///
    /// The compiler writes to a temporary name that is then renamed, so
    /// concurrent callers never run a half-written executable.
    ///
    /// - Throws: ``BenchError`` if `cc` or `pkg-config` is missing, libzmq is
    ///   not installed, or the compiler fails (with its output).
    func executable() throws(BenchError) -> URL {
        let source = sources.appendingPathComponent("\(name).c")
        let binary = cache.appendingPathComponent(name)
        let files = FileManager.default
        guard let sourceDate = modificationDate(source) else {
            throw BenchError("\(source.path) not found: the C floors live in Benchmarks/Floors of the IsoRun checkout")
        }
        if let binaryDate = modificationDate(binary), binaryDate >= sourceDate {
            return binary
        }
        let cc = try Self.findOnPath("cc", install: "apt-get install gcc")
        let pkgConfig = try Self.findOnPath("pkg-config", install: "apt-get install pkg-config")
        let flags = try Self.run(pkgConfig, ["--cflags", "--libs", "libzmq"], failure: "pkg-config cannot find libzmq: apt-get install libzmq3-dev")
            .split(whereSeparator: \.isWhitespace).map(String.init)
        do {
            try files.createDirectory(at: cache, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create \(cache.path) for the C floors: \(error); pass Floors(cacheDirectory:) a writable folder")
        }
        let temporary = cache.appendingPathComponent("\(name).\(getpid()).\(UUID().uuidString)")
        _ = try Self.run(cc, ["-O2", source.path, "-o", temporary.path] + flags, failure: "cc could not compile \(source.path)")
        guard rename(temporary.path, binary.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? files.removeItem(at: temporary)
            throw BenchError("cannot move the compiled \(name) to \(binary.path): \(reason)")
        }
        return binary
    }

    /// Builds the program if needed, runs it, and returns its output as
    /// `key=value` pairs.
    ///
    /// - Throws: ``BenchError`` if it cannot be built, fails, or prints no pairs.
    func run(_ arguments: [String]) throws(BenchError) -> [String: String] {
        Self.pairs(in: try Self.run(executable().path, arguments, failure: "the \(name) floor failed"))
    }

    /// The `key=value` words of a floor's output.
    static func pairs(in output: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in output.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    private func modificationDate(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// The absolute path of `tool` on `PATH`.
    static func findOnPath(_ tool: String, install: String) throws(BenchError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError("\(tool) not found on PATH: \(install)")
    }

    /// Runs `path` with `arguments` and returns what it printed.
    ///
    /// Standard error goes into the same pipe as standard output, so one
    /// reader drains both and a chatty child cannot block on a full pipe.
    ///
    /// - Throws: ``BenchError`` starting with `failure`, with the exit status
    ///   and the output, if it cannot start or does not exit with 0.
    static func run(_ path: String, _ arguments: [String], failure: String) throws(BenchError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw BenchError("\(failure): cannot start \(path): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            let command = ([path] + arguments).joined(separator: " ")
            throw BenchError("\(failure) (\(how)): \(command)\n\(text)")
        }
        return text
    }
}
