import ArgumentParser
import Logging

/// The `--log-level` flag every command shares; logs go to standard error.
struct LoggingOptions: ParsableArguments {
    @Option(help: "Least severe log messages shown on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func bootstrap() {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
