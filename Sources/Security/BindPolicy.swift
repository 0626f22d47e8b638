/// Which endpoints a server may bind without CURVE keys: only those no other
/// machine can reach (ipc, inproc, and tcp on loopback: 127.0.0.0/8, ::1,
/// localhost). Anything else needs keys, or an explicit `--insecure`.
public enum BindPolicy {
    /// A bind that the policy refuses, naming the flag and what to do instead.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        /// The endpoint.
        public var endpoint: String
        /// The flag that gave it, such as `--bind`.
        public var flag: String
        /// How to turn keys on, in this command's terms.
        public var keysHint: String

        public var description: String {
            "\(flag) \(endpoint) listens beyond this machine without CURVE keys: any peer that reaches the port "
                + "could take tasks and send records. \(keysHint) (make keys with `isorun keys generate --out DIR`), "
                + "bind a local endpoint (tcp://127.0.0.1:PORT or ipc://PATH), or accept the risk with --insecure"
        }
    }

    /// Whether `endpoint` is reachable from this machine only.
    ///
    /// - Parameter endpoint: a ZeroMQ endpoint, such as `tcp://127.0.0.1:5555`.
    public static func isLocal(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") { return true }
        guard endpoint.hasPrefix("tcp://"), let colon = endpoint.lastIndex(of: ":") else { return false }
        let host = endpoint[endpoint.index(endpoint.startIndex, offsetBy: "tcp://".count)..<colon]
        if host == "localhost" || host == "[::1]" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ $0.count <= 3 && UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    /// Checks a bind against the policy.
    ///
    /// - Parameters:
    ///   - endpoint: where the server binds.
    ///   - flag: the flag it came from, for the messages.
    ///   - secured: whether CURVE keys are on.
    ///   - insecure: whether the user accepted binding beyond loopback without keys.
    ///   - keysHint: how to turn keys on in this command, such as "Give --curve DIR".
    /// - Returns: a warning to print when the bind is allowed only by `insecure`; nil otherwise.
    /// - Throws: ``Refusal`` for a non-local endpoint without keys or `insecure`.
    public static func check(
        _ endpoint: String, flag: String, secured: Bool, insecure: Bool, keysHint: String
    ) throws(Refusal) -> String? {
        guard !secured, !isLocal(endpoint) else { return nil }
        guard insecure else { throw Refusal(endpoint: endpoint, flag: flag, keysHint: keysHint) }
        return "\(flag) \(endpoint) listens beyond this machine without CURVE keys (--insecure): "
            + "any peer that reaches the port can join, take tasks and send records"
    }
}
