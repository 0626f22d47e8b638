import Logging
@testable import Security
import Testing
import ZeroMQ

@Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
struct ZAPHandlerTests {
    @Test func anAuthorizedClientIsHeardWithItsKeyAsUserID() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = try KeyFolder.generate(at: scratch.path, replacing: false)
        let context = try Context()
        let server = try CurveServer(folder: folder, context: context, logger: Logger(label: "test"))
        let pull = try boundServer(server, context: context)
        let push = try Socket(context, type: .push)
        let client = try folder.clientKeys()
        try client.secure(push)
        try push.connect(try #require(try pull.lastEndpoint))
        try push.send("hello")
        let message = try #require(try receive(pull, within: .seconds(10)))
        #expect(message.frames == [Array("hello".utf8)])
        #expect(message.property == client.pair.publicKey)
        #expect(server.handler.admitted == 1)
        #expect(server.handler.refused == 0)
    }

    @Test func aClientWhoseKeyIsNotAuthorizedIsRefusedAndNotHeard() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = try KeyFolder.generate(at: scratch.path, replacing: false)
        let context = try Context()
        let server = try CurveServer(folder: folder, context: context, logger: Logger(label: "test"))
        let pull = try boundServer(server, context: context)
        let stranger = ClientKeys(pair: try CurveKeyPair.generate(), serverPublicKey: try folder.serverKeys().publicKey)
        let push = try Socket(context, type: .push)
        try push.setLinger(.zero)
        try stranger.secure(push)
        try push.connect(try #require(try pull.lastEndpoint))
        try push.send("let me in")
        let deadline = ContinuousClock.now + .seconds(10)
        while server.handler.refused == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.handler.refused >= 1)
        #expect(try receive(pull, within: .milliseconds(300)) == nil)
        #expect(server.handler.admitted == 0)
    }

    @Test func aClientWithoutCurveIsNotHeard() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let context = try Context()
        let server = try CurveServer(
            folder: try KeyFolder.generate(at: scratch.path, replacing: false), context: context, logger: Logger(label: "test"))
        let pull = try boundServer(server, context: context)
        let push = try Socket(context, type: .push)
        try push.setLinger(.zero)
        try push.connect(try #require(try pull.lastEndpoint))
        try push.send("plain text")
        #expect(try receive(pull, within: .milliseconds(500)) == nil)
    }

    @Test func aSecondHandlerInTheSameContextIsRefused() throws {
        let context = try Context()
        let first = try ZAPHandler(context: context, authorized: [:], logger: Logger(label: "test"))
        defer { first.stop() }
        #expect(throws: ZMQError.addressInUse) {
            try ZAPHandler(context: context, authorized: [:], logger: Logger(label: "test"))
        }
    }

    @Test func aRequestIsReadAndAnsweredAsRFC27Says() throws {
        let key = try CurveKeyPair.generate().publicKey
        let raw = try #require(Z85.decode(key))
        let frames: [[UInt8]] = [Array("1.0".utf8), [7], [], Array("10.0.0.2".utf8), [], Array("CURVE".utf8), raw]
        let request = try #require(ZAPRequest(frames: frames))
        #expect(request.clientKey == key)
        #expect(request.address == "10.0.0.2")
        #expect(request.reply(admitted: true) == [Array("1.0".utf8), [7], Array("200".utf8), Array("OK".utf8), Array(key.utf8), []])
        #expect(request.reply(admitted: false)[2] == Array("400".utf8))
        #expect(request.reply(admitted: false)[4] == [])
        #expect(ZAPRequest(frames: [Array("2.0".utf8)] + frames.dropFirst()) == nil)
        var plain = frames
        plain[5] = Array("NULL".utf8)
        #expect(ZAPRequest(frames: Array(plain.prefix(6)))?.clientKey == nil)
    }

    private func boundServer(_ server: CurveServer, context: Context) throws -> Socket {
        let pull = try Socket(context, type: .pull)
        try server.secure(pull)
        try pull.bind("tcp://127.0.0.1:*")
        return pull
    }

    private func receive(_ socket: Socket, within timeout: Duration) throws -> ReceivedMessage? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if try poll([.socket(socket)], timeout: .milliseconds(20))[0].contains(.readable) {
                return try socket.receiveIfAvailable(frameLimit: 4, property: "User-Id")
            }
        } while ContinuousClock.now < deadline
        return nil
    }
}
