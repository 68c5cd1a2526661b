import ArgumentParser
import Foundation

@main
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Technical and business metrics, and deploys, on one timeline.",
        discussion: """
            Run the daemon with 'metrics serve'; it collects, stores every metric in its own RRD file \
            and serves the API on loopback. The other commands work on the data directory directly.
            """,
        version: "0.1.0",
        subcommands: [ServeCommand.self, CheckCommand.self, ListCommand.self, QueryCommand.self, GraphCommand.self, CollectorsCommand.self, PushCommand.self,
                      DeployCommand.self, DeploysCommand.self]
    )
}

/// Options every command that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (YAML). Without it the embedded default, the same as etc/metrics.yaml, is used.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data directory holding the RRD files; overrides data_dir of the configuration.", valueName: "dir"))
    var dataDir: String?
}

extension MetricsCommand {
    /// `--watch` may stand alone (`metrics query --watch 'host.*'`): the argument parser needs a
    /// value, so a bare one becomes `--watch=0`, the default interval.
    ///
    /// Usage errors the argument parser finds (an unknown option, a missing value) exit 2, like
    /// the usage errors the commands find themselves, instead of the parser's 64.
    static func main() async {
        var commandType: any ParsableCommand.Type = MetricsCommand.self
        do {
            var command = try parseAsRoot(WatchArgument.normalised(Array(CommandLine.arguments.dropFirst())))
            commandType = type(of: command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            // A parse error's message already names the subcommand's usage; an error a command
            // throws after parsing gets its own usage line here.
            let text = commandType == MetricsCommand.self
                ? fullMessage(for: error)
                : "Error: \(message(for: error))\nUsage: metrics \(commandType.usageString())\n  See 'metrics \(commandType._commandName) --help' for more information."
            FileHandle.standardError.write(Data((text + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

enum WatchArgument {
    static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--watch", index + 1 >= arguments.count || Int(arguments[index + 1]) == nil {
                result.append("--watch=0")
            } else {
                result.append(argument)
            }
        }
        return result
    }
}
