import Foundation
import Security
import Testing
import ZeroMQ

@Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
struct KeyFolderTests {
    @Test func generateWritesBothPairsOwnerOnlyAndAdmitsTheClient() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = try KeyFolder.generate(at: scratch.path + "/keys", replacing: false)
        let keys = KeyFolder(scratch.path + "/keys")
        for name in ["server.public", "server.secret", "client.public", "client.secret", "authorized/client.public"] {
            #expect(try scratch.mode("keys/" + name) == 0o600, "\(name)")
        }
        #expect(try scratch.mode("keys") == 0o700)
        let server = try folder.serverKeys()
        let client = try folder.clientKeys()
        #expect(client.serverPublicKey == server.publicKey)
        #expect(client.pair.publicKey != server.publicKey)
        #expect(try keys.authorizedKeys() == [client.pair.publicKey: "client.public"])
    }

    @Test func existingKeysAreKeptUnlessReplacing() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let first = try KeyFolder.generate(at: scratch.path, replacing: false).serverKeys()
        let error = #expect(throws: KeyError.self) { try KeyFolder.generate(at: scratch.path, replacing: false) }
        #expect(error?.description.contains("--force") == true)
        #expect(try KeyFolder(scratch.path).serverKeys() == first)
        let second = try KeyFolder.generate(at: scratch.path, replacing: true).serverKeys()
        #expect(second != first)
    }

    @Test func aMissingFolderNamesTheFileAndTheCommand() throws {
        let error = #expect(throws: KeyError.self) { try KeyFolder("/nonexistent/isorun-keys").serverKeys() }
        #expect(error?.path == "/nonexistent/isorun-keys/server.public")
        #expect(error?.description.contains("isorun keys generate --out /nonexistent/isorun-keys") == true)
    }

    @Test func aSecretReadableByOthersIsRefused() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try KeyFolder.generate(at: scratch.path, replacing: false)
        chmod(scratch.path + "/client.secret", 0o644)
        let error = #expect(throws: KeyError.self) { try KeyFolder(scratch.path).clientKeys() }
        #expect(error?.path.hasSuffix("client.secret") == true)
        #expect(error?.description.contains("chmod 600") == true)
    }

    @Test func aPublicKeyOfAnotherPairIsRefused() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try KeyFolder.generate(at: scratch.path, replacing: false)
        try scratch.write(try CurveKeyPair.generate().publicKey + "\n", to: "server.public")
        let error = #expect(throws: KeyError.self) { try KeyFolder(scratch.path).serverKeys() }
        #expect(error?.description.contains("is not the public key of server.secret") == true)
    }

    @Test(arguments: ["", "not a key", String(repeating: "#", count: 40), "a b"])
    func aFileThatIsNotAKeyIsRefused(text: String) throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try KeyFolder.generate(at: scratch.path, replacing: false)
        try scratch.write(text, to: "authorized/other.public")
        let error = #expect(throws: KeyError.self) { try KeyFolder(scratch.path).authorizedKeys() }
        #expect(error?.path.hasSuffix("authorized/other.public") == true)
    }

    @Test func everyPublicFileInAuthorizedIsAdmittedAndOtherFilesAreNot() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = try KeyFolder.generate(at: scratch.path, replacing: false)
        let other = try CurveKeyPair.generate()
        try scratch.write(other.publicKey + "\n", to: "authorized/host2.public")
        try scratch.write("notes, not a key", to: "authorized/README")
        let keys = try folder.authorizedKeys()
        #expect(keys.count == 2)
        #expect(keys[other.publicKey] == "host2.public")
    }

    @Test func anEmptyAuthorizedFolderIsRefused() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try KeyFolder.generate(at: scratch.path, replacing: false)
        try FileManager.default.removeItem(atPath: scratch.path + "/authorized/client.public")
        let error = #expect(throws: KeyError.self) { try KeyFolder(scratch.path).authorizedKeys() }
        #expect(error?.description.contains("no client could connect") == true)
    }
}
