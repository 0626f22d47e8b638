import Foundation

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

    /// Reads every record in `file`; blank lines are skipped.
    ///
    /// - Parameters:
    ///   - file: path of a JSONL file.
    ///   - strict: throw the first ``LineProblem`` instead of collecting it.
    /// - Throws: the file's read error, or with `strict` the first ``LineProblem``.
    public static func read(file: String, strict: Bool = false) throws -> Result {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try parse(text, file: file, strict: strict)
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
