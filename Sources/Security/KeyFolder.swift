import SystemPackage
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// A folder of CURVE keys in the layout `isorun keys generate` writes:
///
/// ```
/// DIR/server.public  DIR/server.secret     the coordinator's (and collector's) pair
/// DIR/client.public  DIR/client.secret     the pair workers present
/// DIR/authorized/*.public                  the client keys a server admits
/// ```
///
/// Every file holds one 40-character Z85 key and a newline. Secret files must
/// be readable by their owner only (mode 0600), as ssh requires of its keys.
public struct KeyFolder: Sendable, Equatable, CustomStringConvertible {
    /// The folder, as given.
    public var path: String

    /// The file names of the layout.
    public static let serverPublic = "server.public"
    public static let serverSecret = "server.secret"
    public static let clientPublic = "client.public"
    public static let clientSecret = "client.secret"
    /// The folder of admitted client keys, each a `*.public` file.
    public static let authorized = "authorized"

    /// A key folder at `path`; nothing is read before a key is asked for.
    public init(_ path: String) {
        self.path = path
    }

    public var description: String { path }

    /// This folder with a relative path made absolute against the current
    /// folder, for processes started elsewhere.
    public var absolute: KeyFolder {
        guard !path.hasPrefix("/"), let cwd = getcwd(nil, 0) else { return self }
        defer { free(cwd) }
        return KeyFolder(String(cString: cwd) + "/" + path)
    }

    /// The path of `name` inside this folder.
    public func file(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// The server's pair: what a coordinator or collector binds with.
    ///
    /// - Throws: ``KeyError`` naming the file that is missing, malformed,
    ///   readable by others, or does not match its other half.
    public func serverKeys() throws(KeyError) -> CurveKeyPair {
        try pair(public: Self.serverPublic, secret: Self.serverSecret)
    }

    /// What a worker connects with: the client pair and the server's public key.
    ///
    /// - Throws: ``KeyError`` as ``serverKeys()`` does.
    public func clientKeys() throws(KeyError) -> ClientKeys {
        ClientKeys(
            pair: try pair(public: Self.clientPublic, secret: Self.clientSecret),
            serverPublicKey: try readKey(Self.serverPublic, secret: false))
    }

    /// The client public keys a server admits, each with the file it came from,
    /// read from every `*.public` file in `authorized/`.
    ///
    /// - Throws: ``KeyError`` when the folder cannot be read, holds no key, or
    ///   a file in it is not a key.
    public func authorizedKeys() throws(KeyError) -> [String: String] {
        let folder = file(Self.authorized)
        guard let directory = opendir(folder) else {
            throw KeyError(path: folder, problem: "cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".public") { names.append(name) }
        }
        var keys: [String: String] = [:]
        for name in names.sorted() {
            keys[try readKey(Self.authorized + "/" + name, secret: false)] = name
        }
        guard !keys.isEmpty else {
            throw KeyError(path: folder, problem: "holds no *.public key, so no client could connect; "
                + "copy each client's public key there (isorun keys generate puts client.public there)")
        }
        return keys
    }

    private func pair(public publicName: String, secret secretName: String) throws(KeyError) -> CurveKeyPair {
        let publicKey = try readKey(publicName, secret: false)
        let secretKey = try readKey(secretName, secret: true)
        guard CurveKeyPair.publicKey(forSecretKey: secretKey) == publicKey else {
            throw KeyError(path: file(publicName), problem: "is not the public key of \(secretName); "
                + "regenerate the pair (isorun keys generate --out \(path) --force)")
        }
        return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
    }

    /// The Z85 key in `name`: 40 characters, surrounding whitespace ignored.
    func readKey(_ name: String, secret: Bool) throws(KeyError) -> String {
        let path = file(name)
        func fail(_ problem: String) -> KeyError { KeyError(path: path, problem: problem) }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly)
        } catch {
            throw fail("cannot be read (\(error)); make keys with isorun keys generate --out \(self.path)")
        }
        defer { try? descriptor.close() }
        var status = stat()
        if secret, fstat(descriptor.rawValue, &status) == 0, status.st_mode & 0o077 != 0 {
            throw fail("is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = (try? buffer.withUnsafeMutableBytes { try descriptor.read(into: $0) }) ?? 0
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        guard text.count == 1, let key = text.first.map(String.init), key.utf8.count == 40,
              Z85.decode(key)?.count == 32 else {
            throw fail("does not hold one 40-character Z85 key")
        }
        return key
    }
}

/// What a CURVE client needs: its own pair and the server's public key.
public struct ClientKeys: Sendable, Equatable {
    /// The client's pair, whose public key must be in the server's `authorized/`.
    public var pair: CurveKeyPair
    /// The server's public key, which the client checks the server against.
    public var serverPublicKey: String

    public init(pair: CurveKeyPair, serverPublicKey: String) {
        self.pair = pair
        self.serverPublicKey = serverPublicKey
    }

    /// Makes `socket` a CURVE client with these keys; call before connecting.
    ///
    /// - Throws: `ZMQError` from the socket options.
    public func secure(_ socket: Socket) throws(ZMQError) {
        try socket.setCurveServerKey(serverPublicKey)
        try socket.setCurvePublicKey(pair.publicKey)
        try socket.setCurveSecretKey(pair.secretKey)
    }
}

/// A key file or folder that cannot be used, and why.
public struct KeyError: Error, Equatable, CustomStringConvertible {
    /// The file or folder.
    public var path: String
    /// What is wrong, and what to do.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path) \(problem)" }
}
