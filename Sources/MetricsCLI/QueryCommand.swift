import ArgumentParser
import QueryCLI

/// `metrics query`: the front binary answers local queries itself (it starts faster); this one
/// is reached for `--server`, which needs HTTP.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: QueryOptions.abstract, discussion: QueryOptions.discussion)

    @OptionGroup var options: QueryOptions

    func run() async throws {
        try await QueryRunner(options: options, usageLine: Self.usageString()) { server, query in
            try await RemoteQuery(server: server, query: query).run()
        }.run()
    }
}
