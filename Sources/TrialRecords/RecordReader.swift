import SystemPackage

/// Reads a JSONL records file, reporting malformed lines by number instead of
/// giving up on the whole file.
public enum RecordReader {
    /// A line that is not a valid record.
    public struct LineProblem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file the line is in.
        public var file: String
        /// 1-based line number.
        public var line: Int
        /// What is wrong with it.
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// What a read produced: the valid records, in file order, and the problems.
    public struct Result: Sendable {
        public var records: [TrialRecord]
        public var problems: [LineProblem]
    }

    /// A records file that could not be read at all.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// The system's reason.
        public var errno: Errno
        public var description: String { "cannot read records from \(file): \(RecordWriter.OpenError.reason(errno))" }
    }

    /// Reads every record in `file`; blank lines are skipped, and bytes that are not
    /// UTF-8 make their line a problem, not the file.
    ///
    /// - Parameters:
    ///   - file: path of a JSONL file.
    ///   - strict: throw the first ``LineProblem`` instead of collecting it.
    /// - Throws: ``ReadError`` (no such file, a directory, no permission), or with
    ///   `strict` the first ``LineProblem``.
    public static func read(file: String, strict: Bool = false) throws -> Result {
        var bytes: [UInt8] = []
        do {
            let descriptor = try FileDescriptor.open(FilePath(file), .readOnly)
            defer { try? descriptor.close() }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
                if count == 0 { break }
                bytes += chunk[..<count]
            }
        } catch let error as Errno {
            throw ReadError(file: file, errno: error)
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: file, strict: strict)
    }

    /// Parses JSONL `text`; `file` is used only to name problems.
    public static func parse(_ text: String, file: String, strict: Bool = false) throws -> Result {
        var result = Result(records: [], problems: [])
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                result.records.append(try TrialRecord(jsonLine: line))
            } catch {
                let problem = LineProblem(file: file, line: index + 1, message: describe(error))
                if strict { throw problem }
                result.problems.append(problem)
            }
        }
        return result
    }

    private static func describe(_ error: any Error) -> String {
        (error as? RecordDecodingError)?.description ?? "\(error)"
    }
}
