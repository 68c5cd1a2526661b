import ArgumentParser
import Foundation
import QueryCLI

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
    static func main() async {
        await RootCommandMain.run(MetricsCommand.self)
    }
}
