import SystemPackage
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension KeyFolder {
    /// Writes a new server pair and client pair into `path` (created, with
    /// `authorized/`, mode 0700), each key in a file of mode 0600, and admits
    /// the client: `authorized/client.public`. Other keys in `authorized/` are kept.
    ///
    /// ```swift
    /// let keys = try KeyFolder.generate(at: "keys", replacing: false)
    /// let server = try keys.serverKeys()
    /// ```
    ///
    /// - Parameters:
    ///   - path: the folder.
    ///   - replacing: replace keys already there; without it, existing keys
    ///     are an error, since every worker holding them would be locked out.
    /// - Returns: the folder.
    /// - Throws: ``KeyError`` naming an existing key file (unless `replacing`),
    ///   or the file or folder that cannot be written; `ZMQError` when libzmq lacks CURVE.
    @discardableResult
    public static func generate(at path: String, replacing: Bool) throws -> KeyFolder {
        let folder = KeyFolder(path)
        let names = [serverPublic, serverSecret, clientPublic, clientSecret, authorized + "/" + clientPublic]
        if !replacing, let existing = names.map(folder.file).first(where: { access($0, F_OK) == 0 }) {
            throw KeyError(path: existing, problem: "exists; keys are not replaced unless you pass --force "
                + "(every worker and collector holding the old keys must then get the new ones)")
        }
        try makeFolder(path)
        try makeFolder(folder.file(authorized))
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let contents = [server.publicKey, server.secretKey, client.publicKey, client.secretKey, client.publicKey]
        for (name, key) in zip(names, contents) {
            try write(key + "\n", to: folder.file(name))
        }
        return folder
    }

    private static func makeFolder(_ path: String) throws(KeyError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw KeyError(path: prefix, problem: "cannot be created (\(String(cString: strerror(errno))))")
            }
            prefix += "/"
        }
    }

    /// Writes `text` to a file of mode 0600, replacing it; the mode is set on
    /// the open file, so a file that existed with a wider mode is narrowed too.
    private static func write(_ text: String, to path: String) throws(KeyError) {
        do {
            let descriptor = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
            try descriptor.closeAfter {
                guard fchmod(descriptor.rawValue, 0o600) == 0 else { throw Errno(rawValue: errno) }
                _ = try descriptor.writeAll(Array(text.utf8))
            }
        } catch {
            throw KeyError(path: path, problem: "cannot be written (\(error))")
        }
    }
}
