import ArgumentParser
import QueryCLI

/// The commands the front binary answers itself: only a local `query`.
struct FrontCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "metrics", subcommands: [LocalQueryCommand.self])
}

struct LocalQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: QueryOptions.abstract, discussion: QueryOptions.discussion)

    @OptionGroup var options: QueryOptions

    func run() async throws {
        try await QueryRunner(options: options, usageLine: Self.usageString(), remote: nil).run()
    }
}
