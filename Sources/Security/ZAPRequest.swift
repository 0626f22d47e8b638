import ZeroMQ

/// One ZAP request (RFC 27) as libzmq sends it to the handler, and the reply
/// the handler gives: pure values, so the decision can be tested without a socket.
struct ZAPRequest: Equatable {
    /// Echoed in the reply so libzmq can match it.
    var requestID: [UInt8]
    /// The peer's address as libzmq gives it (an IP address for tcp).
    var address: String
    /// The security mechanism: `CURVE` for IsoRun's sockets.
    var mechanism: String
    /// The client's long-term public key, in Z85; nil for another mechanism.
    var clientKey: String?

    /// Reads the frames: version `1.0`, request id, domain, address,
    /// identity, mechanism, then the mechanism's credentials.
    ///
    /// - Returns: nil when the frames are not a ZAP 1.0 request.
    init?(frames: [[UInt8]]) {
        guard frames.count >= 6, frames[0] == Array("1.0".utf8) else { return nil }
        requestID = frames[1]
        address = String(decoding: frames[3], as: UTF8.self)
        mechanism = String(decoding: frames[5], as: UTF8.self)
        clientKey = mechanism == "CURVE" && frames.count == 7 && frames[6].count == 32 ? Z85.encode(frames[6]) : nil
    }

    /// The reply: `200` with the client's key as its User-Id, or `400`.
    func reply(admitted: Bool) -> [[UInt8]] {
        let status = admitted ? ("200", "OK") : ("400", "client key not authorized")
        return [Array("1.0".utf8), requestID, Array(status.0.utf8), Array(status.1.utf8),
                Array((admitted ? clientKey ?? "" : "").utf8), []]
    }
}
