import TrialRecords

/// Encodes a run's tasks, each in one buffer: what every task of the run
/// shares (the workload, and the version and kind frames) is encoded once, and
/// only the spec is written for each. The coordinator encodes a task for every
/// trial; ``TaskDecoder`` reads them.
public struct TaskEncoder: Sendable {
    /// The version and kind frames of every task, as the local link sends
    /// them, each after its length (``WirePacket``).
    private let packetHead: [UInt8]
    /// What follows the spec in a payload: `,"workload":<workload>}`.
    private let tail: [UInt8]

    /// - Parameter workloadJSON: the workload every task carries, encoded
    ///   (``WireMessage/Task/json(of:)``, or a worker program's parameters).
    public init(workloadJSON: String) {
        packetHead = WirePacket.encode(WireMessage.taskHead)
        tail = Self.workloadKey + Array(workloadJSON.utf8) + [UInt8(ascii: "}")]
    }

    /// The payload of `spec`'s task: `{"spec":{...},"workload":...}`.
    public func payload(for spec: TrialSpec) -> [UInt8] {
        var payload: [UInt8] = []
        payload.reserveCapacity(payloadCapacity)
        appendPayload(for: spec, to: &payload)
        return payload
    }

    /// `spec`'s task as its three frames, for ZeroMQ.
    public func frames(for spec: TrialSpec) -> [[UInt8]] {
        WireMessage.taskHead + [payload(for: spec)]
    }

    /// `spec`'s task as one packet of the local link (``WirePacket``).
    public func packet(for spec: TrialSpec) -> [UInt8] {
        var packet: [UInt8] = []
        packet.reserveCapacity(packetHead.count + 4 + payloadCapacity)
        packet += packetHead
        let lengthAt = packet.count
        packet.append(contentsOf: repeatElement(0, count: 4))
        appendPayload(for: spec, to: &packet)
        WirePacket.storeLength(packet.count - lengthAt - 4, in: &packet, at: lengthAt)
        return packet
    }

    /// The coordinator's layout of a payload, which ``TaskDecoder`` reads
    /// fastest: `{"spec":` first, then the spec, then `,"workload":`.
    static let specKey = Array(#"{"spec":"#.utf8)
    static let workloadKey = Array(#","workload":"#.utf8)

    /// Room for a payload whose spec is of a usual size (a longer one grows the buffer).
    private var payloadCapacity: Int { Self.specKey.count + 192 + tail.count }

    private func appendPayload(for spec: TrialSpec, to bytes: inout [UInt8]) {
        bytes += Self.specKey
        var json = FlatJSONWriter(continuing: &bytes)
        spec.write(to: &json)
        json.finish(into: &bytes)
        bytes += tail
    }
}
