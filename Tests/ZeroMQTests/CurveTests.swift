import Testing
import ZeroMQ

@Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
struct CurveTests {
    @Test func generatedKeyPairsAreZ85AndDistinct() throws {
        let first = try CurveKeyPair.generate()
        let second = try CurveKeyPair.generate()
        #expect(first.publicKey.utf8.count == 40)
        #expect(first.secretKey.utf8.count == 40)
        #expect(first != second)
    }

    @Test func theDescriptionHidesTheSecretKey() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.description.contains(pair.publicKey))
        #expect(!pair.description.contains(pair.secretKey))
    }

    @Test func aSecretKeyGivesBackItsPublicKey() throws {
        let pair = try CurveKeyPair.generate()
        #expect(CurveKeyPair.publicKey(forSecretKey: pair.secretKey) == pair.publicKey)
        #expect(CurveKeyPair.publicKey(forSecretKey: "short") == nil)
    }

    @Test func z85RoundTripsAndRefusesWhatIsNotZ85() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(bytes) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == bytes)
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(Z85.decode("Hell") == nil)
        #expect(Z85.decode("Hell\u{7F}") == nil)
        #expect(Z85.decode("Hell~") == nil)
    }

    @Test func aMalformedKeyIsInvalid() throws {
        let socket = try Socket(Context(), type: .dealer)
        #expect(throws: ZMQError.invalidArgument) { try socket.setCurveServerKey("too short") }
    }

    @Test func aClientWithTheServersKeyCompletesTheHandshake() throws {
        let context = try Context()
        let serverKeys = try CurveKeyPair.generate()
        let clientKeys = try CurveKeyPair.generate()
        let server = try curveServer(context, keys: serverKeys)
        let client = try curveClient(context, keys: clientKeys, serverPublicKey: serverKeys.publicKey, endpoint: server.lastEndpoint!)
        try client.send("secret handshake")
        try server.setReceiveTimeout(.seconds(10))
        #expect(try server.receive() == .utf8("secret handshake"))
    }

    @Test func aClientWithTheWrongServerKeyIsNotHeard() throws {
        let context = try Context()
        let server = try curveServer(context, keys: try CurveKeyPair.generate())
        let impostorKey = try CurveKeyPair.generate().publicKey
        let client = try curveClient(context, keys: try CurveKeyPair.generate(), serverPublicKey: impostorKey, endpoint: server.lastEndpoint!)
        try client.setLinger(.zero)
        try client.send("let me in")
        try server.setReceiveTimeout(.milliseconds(200))
        #expect(throws: ZMQError.again) { try server.receive() }
    }

    private func curveServer(_ context: Context, keys: CurveKeyPair) throws -> Socket {
        let server = try Socket(context, type: .pull)
        try server.setCurveServer(true)
        try server.setCurveSecretKey(keys.secretKey)
        #expect(try server.curveServer)
        try server.bind("tcp://127.0.0.1:*")
        return server
    }

    private func curveClient(_ context: Context, keys: CurveKeyPair, serverPublicKey: String, endpoint: String) throws -> Socket {
        let client = try Socket(context, type: .push)
        try client.setCurveServerKey(serverPublicKey)
        try client.setCurvePublicKey(keys.publicKey)
        try client.setCurveSecretKey(keys.secretKey)
        try client.connect(endpoint)
        return client
    }
}
