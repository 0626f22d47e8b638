#if canImport(Glibc)
import Glibc
#endif
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
            // Room for the whole file, so that it is not copied as it grows (a pipe has no size to seek to).
            if let size = try? descriptor.seek(offset: 0, from: .end) {
                bytes.reserveCapacity(Int(size))
                try descriptor.seek(offset: 0, from: .start)
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
                if count == 0 { break }
                bytes += chunk[..<count]
            }
        } catch let error as Errno {
            throw ReadError(file: file, errno: error)
        }
        return try parse(bytes: bytes, file: file, strict: strict)
    }

    /// Parses JSONL `text`; `file` is used only to name problems.
    public static func parse(_ text: String, file: String, strict: Bool = false) throws -> Result {
        try parse(bytes: Array(text.utf8), file: file, strict: strict)
    }

    /// Parses JSONL `bytes`, line by line: lines end at each newline byte
    /// (`memchr`), not at each `Character` a `String` would step through, which
    /// took four fifths of a read. A line's bytes are decoded as they are, so
    /// one that is not UTF-8 is a problem of its own.
    static func parse(bytes: [UInt8], file: String, strict: Bool) throws -> Result {
        var result = Result(records: [], problems: [])
        try bytes.withUnsafeBufferPointer { bytes in
            let lines = lineRanges(of: bytes)
            // A record a line at most: records of hundreds of bytes each are then not copied as the array grows.
            result.records.reserveCapacity(lines.count)
            for (index, range) in lines.enumerated() {
                let line = UnsafeBufferPointer(rebasing: bytes[range])
                if isBlank(line) { continue }
                do {
                    result.records.append(try TrialRecord(json: Array(line)))
                } catch {
                    let problem = LineProblem(file: file, line: index + 1, message: describe(error))
                    if strict { throw problem }
                    result.problems.append(problem)
                }
            }
        }
        return result
    }

    /// Where each line of `bytes` lies, its newline left out: each newline
    /// ends a line, and the text after the last one is a line too.
    private static func lineRanges(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var (lines, start) = ([Range<Int>](), 0)
        while start <= bytes.count {
            var end = bytes.count
            if start < bytes.count, let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                end = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            lines.append(start..<end)
            start = end + 1
        }
        return lines
    }

    /// Whether `line` holds nothing but white space, Unicode's included.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line {
            switch byte {
            case 0x09...0x0D, 0x20: continue
            case ..<0x80: return false
            default: return String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
            }
        }
        return true
    }

    private static func describe(_ error: any Error) -> String {
        (error as? RecordDecodingError)?.description ?? "\(error)"
    }
}
