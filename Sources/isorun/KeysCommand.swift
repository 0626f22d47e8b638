import ArgumentParser
import Security

/// `isorun keys`: CURVE keys for runs whose workers or collector are on other machines.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make the CURVE keys that let workers and collectors on other machines join safely.",
        subcommands: [GenerateKeysCommand.self])
}

/// `isorun keys generate --out DIR`.
struct GenerateKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a server and a client CURVE key pair (Z85 text, mode 0600) into a folder.",
        discussion: """
            Writes DIR/server.public and server.secret (the coordinator's and collector's pair), \
            DIR/client.public and client.secret (the pair workers and runs present), and \
            DIR/authorized/client.public: a server admits every *.public key in its authorized/ \
            folder, and no other. Existing keys are kept unless --force is given.

            Then give the folder to every side with --curve DIR (or, for a run, \
            [security] curve = "DIR" in the experiment file). A worker on another host needs \
            client.public, client.secret and server.public; a collector needs server.public, \
            server.secret and authorized/.

            Example:
              isorun keys generate --out keys
              isorun run Config/quick.toml --bind tcp://10.0.0.5:5555 --curve keys
              isorun worker --connect tcp://10.0.0.5:5555 --id host2-a --curve keys    (on host2)
            """)

    @Option(help: ArgumentHelp("Folder to write the keys into (created, mode 0700).", valueName: "dir"))
    var out: String

    @Flag(help: "Replace keys already in --out; every worker and collector holding the old ones must then get the new ones.")
    var force = false

    func run() throws {
        do {
            try KeyFolder.generate(at: out, replacing: force)
        } catch let error as KeyError {
            throw UsageError("--out: \(error)")
        }
        let folder = KeyFolder(out)
        let files = [KeyFolder.serverPublic, KeyFolder.serverSecret, KeyFolder.clientPublic, KeyFolder.clientSecret,
                     KeyFolder.authorized + "/" + KeyFolder.clientPublic].map(folder.file)
        print("wrote \(files.joined(separator: ", ")) (mode 0600)")
        print("use them with --curve \(out) on isorun run, isorun collect and isorun worker")
    }
}
