import Foundation
import Testing
import ZeroMQ

/// The transports the round-trip tests run over.
enum Transport: String, CaseIterable, Sendable {
    case inproc, ipc, tcp

    /// A fresh endpoint to bind to: a unique inproc name, a unique socket file
    /// under /tmp, or loopback with a port the system chooses.
    func freshEndpoint() -> String {
        switch self {
        case .inproc: "inproc://zeromq-tests-\(UUID().uuidString)"
        case .ipc: "ipc:///tmp/isorun-zeromq-tests-\(UUID().uuidString).sock"
        case .tcp: "tcp://127.0.0.1:*"
        }
    }
}

/// A bound socket and a socket connected to it.
struct ConnectedSockets {
    let bound: Socket
    let connected: Socket
    /// The resolved endpoint the bound socket listens on.
    let endpoint: String

    /// Binds a `bindType` socket to a fresh endpoint over `transport` and
    /// connects a `connectType` socket to it.
    init(_ context: Context, bind bindType: SocketType, connect connectType: SocketType, over transport: Transport = .inproc) throws {
        bound = try Socket(context, type: bindType)
        try bound.bind(transport.freshEndpoint())
        endpoint = try #require(try bound.lastEndpoint)
        connected = try Socket(context, type: connectType)
        try connected.connect(endpoint)
    }

    /// Closes both sockets and removes an ipc socket file, if any.
    func close() {
        bound.close()
        connected.close()
        if endpoint.hasPrefix("ipc://") {
            unlink(String(endpoint.dropFirst("ipc://".count)))
        }
    }
}

/// A loopback tcp endpoint on which nothing listens: bound once, then released.
func unusedTCPEndpoint(_ context: Context) throws -> String {
    let socket = try Socket(context, type: .pull)
    defer { socket.close() }
    try socket.bind("tcp://127.0.0.1:*")
    let endpoint = try #require(try socket.lastEndpoint)
    try socket.unbind(endpoint)
    return endpoint
}

extension Array where Element == [UInt8] {
    /// A message of UTF-8 frames.
    static func utf8(_ frames: String...) -> [[UInt8]] { frames.map { [UInt8]($0.utf8) } }
}
