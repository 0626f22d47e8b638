import ArgumentParser
import Security

/// `--curve DIR` and `--insecure`, for the commands that bind a socket.
struct SecurityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CURVE key folder from `isorun keys generate`: bind as a CURVE server admitting only the client keys in DIR/authorized/ (and give DIR to launched workers).", valueName: "dir"))
    var curve: String?

    @Flag(help: "Allow binding an endpoint beyond this machine (not 127.0.0.0/8, ::1, localhost or ipc) without --curve; prints a warning.")
    var insecure = false

    /// Applies the bind policy to `endpoint`, printing the warning `--insecure` earns.
    ///
    /// - Parameters:
    ///   - flag: the flag the endpoint came from.
    ///   - curve: the key folder in force (from this flag or a file); nil: none.
    ///   - keysHint: how this command turns keys on.
    /// - Throws: ``UsageError`` (exit status 2) when the policy refuses it.
    func checkBind(_ endpoint: String, flag: String, curve: String?, keysHint: String) throws {
        do {
            if let warning = try BindPolicy.check(
                endpoint, flag: flag, secured: curve != nil, insecure: insecure, keysHint: keysHint) {
                printError("isorun: warning: \(warning)")
            }
        } catch {
            throw UsageError(error.description)
        }
    }
}
