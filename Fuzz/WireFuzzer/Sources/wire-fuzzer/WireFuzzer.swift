import TrialRecords
import Wire
import WireJSON

#if canImport(Glibc)
import Glibc
#endif

/// The wire decoder under libFuzzer: the input's first byte picks a message
/// kind, the rest is its payload, decoded as the coordinator (`WireMessage`)
/// and the collector (`RecordCheck`) decode it. Besides not crashing, both must
/// agree: a record the check takes decodes, and its re-encoding is taken again.
/// The line the coordinator would write of it (the input's bytes with the
/// completed values written in, `SentRecord`) must be one line that the check
/// takes and that decodes to the completed record.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let kinds = ["record", "hello", "ready", "task", "heartbeat", "shutdown", "error", "end", "open", "ack", "x"]
    let kind = input.first.map { kinds[Int($0) % kinds.count] } ?? "record"
    let payload = Array(input.dropFirst())
    let frames = [Array(WireMessage.version.utf8), Array(kind.utf8), payload]
    _ = try? WireMessage(frames: frames)
    _ = try? WireMessage.checkedRecord(frames: frames)
    _ = FlatJSONObject(payload)
    if let checked = try? RecordCheck.check(input) {
        guard let record = try? TrialRecord(json: checked.json) else {
            fatalError("the check took a record the decoder refuses: \(input)")
        }
        guard record.outcome == checked.outcome, RecordKey(record) == checked.key else {
            fatalError("the check and the decoder disagree on \(input)")
        }
        guard (try? RecordCheck.check(Array(record.jsonLine().utf8))) != nil else {
            fatalError("the check refuses the re-encoding of a record it took: \(record.jsonLine())")
        }
        checkLine(of: input, decodingTo: record)
    }
    return 0
}

/// The coordinator's line of a record `json` it took: with its completed values
/// (some longer, some shorter than the sent ones), it must be one line, taken by
/// the check, that decodes to the completed record.
private func checkLine(of json: [UInt8], decodingTo record: TrialRecord) {
    guard let sent = try? RecordCheck.decodeKeepingBytes(json), sent.record == record else {
        fatalError("decoding while keeping the bytes disagrees with the decoder on \(json)")
    }
    var completed = record
    completed.launch = .forkServer
    completed.isolationSeconds = record.isolationSeconds == nil ? 1.5e-5 : nil
    completed.wallSeconds = 123.456789012
    completed.recycled = record.recycled == nil ? "max-rss" : nil
    guard let line = sent.line(for: completed) else { fatalError("no line for a completed record of \(json)") }
    guard !line.contains(0x0A), !line.contains(0x0D) else { fatalError("a line break in the line of \(json)") }
    guard (try? RecordCheck.check(line)) != nil, (try? TrialRecord(json: line)) == completed else {
        fatalError("the line of \(json) is not the completed record: \(line)")
    }
}

/// libFuzzer's driver: parses its flags (`-runs=N`, a corpus folder) and calls
/// ``fuzzWire(_:_:)`` for every input it makes.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt

/// The entry point: hands the process's arguments to libFuzzer's driver, which
/// calls ``fuzzWire(_:_:)`` for every input it makes.
@main
enum WireFuzzerMain {
    static func main() {
        var count = CommandLine.argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&count, &arguments) { start, length in fuzzWire(start, length) })
    }
}
