import Foundation
import Testing
import ZeroMQ

@Suite struct ZMQErrorTests {
    @Test func bindingAMalformedEndpointNamesTheEndpointAndOperation() throws {
        let socket = try Socket(Context(), type: .pull)
        let error = try #require(throws: ZMQError.self) { try socket.bind("tcp://no port here") }
        #expect(error.operation == "zmq_bind")
        #expect(error.endpoint == "tcp://no port here")
        #expect(error.description.contains("zmq_bind"))
        #expect(error.description.contains("tcp://no port here"))
        #expect(error.description.contains(error.message))
    }

    @Test func anUnknownTransportIsNotSupported() throws {
        let socket = try Socket(Context(), type: .pull)
        #expect(throws: ZMQError.protocolNotSupported) { try socket.connect("carrier-pigeon://home") }
    }

    @Test func bindingTheSameTCPPortTwiceThrowsAddressInUse() throws {
        let context = try Context()
        let first = try Socket(context, type: .pull)
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(try first.lastEndpoint)
        let second = try Socket(context, type: .pull)
        let error = try #require(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error == .addressInUse)
        #expect(error.endpoint == endpoint)
    }

    @Test func unbindingAnEndpointNeverBoundThrowsEndpointNotFound() throws {
        let socket = try Socket(Context(), type: .pull)
        #expect(throws: ZMQError.endpointNotFound) { try socket.unbind("tcp://127.0.0.1:1") }
    }

    @Test func errorsAreEqualByCodeAlone() {
        let error = ZMQError(code: EAGAIN, operation: "zmq_msg_recv", endpoint: nil)
        #expect(error == .again)
        #expect(error != .contextTerminated)
        #expect(Set([error, .again, .addressInUse]).count == 2)
        switch error {
        case .again: break
        default: Issue.record("\(error) did not match .again")
        }
    }

    @Test func catchClausesReadAsIntended() throws {
        let socket = try Socket(Context(), type: .pull)
        try socket.bind("inproc://catch-where")
        do {
            _ = try socket.receive(flags: .dontWait)
            Issue.record("receive on an empty socket returned")
        } catch .again {
        }
        do {
            _ = try socket.receive(flags: .dontWait)
            Issue.record("receive on an empty socket returned")
        } catch where error == .again {
            #expect(error.operation == "zmq_msg_recv")
        }
        let untyped: () throws -> [[UInt8]] = { try socket.receive(flags: .dontWait) }
        do {
            _ = try untyped()
            Issue.record("receive on an empty socket returned")
        } catch let error as ZMQError where error == .again {
            #expect(error.operation == "zmq_msg_recv")
        }
    }

    @Test func namedConstantsDescribeThemselves() {
        #expect(ZMQError.contextTerminated.description.contains("\(ZMQError.contextTerminated.code)"))
        #expect(!ZMQError.hostUnreachable.message.isEmpty)
    }
}
