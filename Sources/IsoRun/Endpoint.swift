/// Checks a ZeroMQ endpoint given on the command line before any socket sees it, so a
/// mistake is named with its flag and what is allowed instead of libzmq's terse error.
public enum Endpoint {
    /// A malformed endpoint, with what is allowed.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        /// The endpoint as given.
        public var endpoint: String
        /// What is wrong with it.
        public var reason: String
        public var description: String {
            "'\(endpoint)': \(reason); allowed: tcp://HOST:PORT (PORT 1-65535, or * to pick a free one when binding) "
                + "or ipc://PATH"
        }
    }

    /// `endpoint` if it is `tcp://HOST:PORT` or `ipc://PATH`.
    ///
    /// - Parameter binding: a `*` port (any free one) is allowed only when binding.
    /// - Throws: ``Problem`` naming what is wrong.
    @discardableResult
    public static func check(_ endpoint: String, binding: Bool) throws(Problem) -> String {
        func fail(_ reason: String) -> Problem { Problem(endpoint: endpoint, reason: reason) }
        if endpoint.hasPrefix("ipc://") {
            let path = endpoint.dropFirst("ipc://".count)
            guard !path.isEmpty else { throw fail("the ipc path is empty") }
            // Linux's sun_path holds 107 bytes and a terminating zero.
            guard path.utf8.count <= 107 else { throw fail("the ipc path is longer than 107 bytes") }
            return endpoint
        }
        guard endpoint.hasPrefix("tcp://") else {
            let scheme = endpoint.split(separator: ":", maxSplits: 1).first.map(String.init) ?? endpoint
            throw fail(endpoint.contains("://") ? "unsupported transport '\(scheme)'" : "no transport (tcp:// or ipc://)")
        }
        let address = endpoint.dropFirst("tcp://".count)
        guard let colon = address.lastIndex(of: ":") else { throw fail("no port (tcp://HOST:PORT)") }
        let host = address[..<colon]
        let port = address[address.index(after: colon)...]
        guard !host.isEmpty else { throw fail("no host (tcp://HOST:PORT; 127.0.0.1 for this machine only)") }
        if port == "*" {
            guard binding else { throw fail("a '*' port can only be bound, not connected to") }
            return endpoint
        }
        guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else {
            throw fail("port '\(port)' is not a number")
        }
        guard let number = Int(port), (1...65_535).contains(number) else {
            throw fail("port \(port) is out of range")
        }
        return endpoint
    }
}
