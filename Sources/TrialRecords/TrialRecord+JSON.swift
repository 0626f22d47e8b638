import Foundation

extension TrialRecord {
    /// The record as one line of JSON, without the trailing newline.
    public func jsonLine() -> String {
        // Encoding a value of plain fields cannot fail.
        let data = try! TrialRecord.encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a record from one line of JSON.
    ///
    /// - Throws: `DecodingError` naming the missing or mistyped key.
    public init(jsonLine: some StringProtocol) throws {
        self = try JSONDecoder().decode(TrialRecord.self, from: Data(jsonLine.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
