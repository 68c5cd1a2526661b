import ArgumentParser
import Foundation
import Logging
import MetricsConfig
import MetricsDaemon

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: collectors, the RRD writer and the HTTP server.",
        discussion: """
            SIGTERM or SIGINT stops collection, writes every pending value and exits 0. \
            SIGHUP re-reads --config; a file with problems is refused and the running configuration kept.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on, overriding http.listen (e.g. 127.0.0.1:8080; port 0 picks a free one).", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("central (store samples; the default) or agent (send them to central.url), overriding role: in the configuration.", valueName: "role"))
    var role: String?

    func run() async throws {
        var config: DaemonConfiguration
        do {
            config = try ConfigurationLoader.load(file: options.config)
        } catch {
            FileHandle.standardError.write(Data("metrics serve: the configuration has problems:\n\(error)\n".utf8))
            throw ExitCode(2)
        }
        if let dataDir = options.dataDir { config.dataDirectory = dataDir }
        if let listen {
            guard let address = HTTPSettings(listen: listen) else {
                throw ValidationError("--listen expects HOST:PORT such as 127.0.0.1:8080, got '\(listen)'")
            }
            config.http.host = address.host
            config.http.port = address.port
        }
        if let role {
            guard let parsed = AgentSettings.Role(rawValue: role) else { throw ValidationError("--role expects central or agent, got '\(role)'") }
            config.agent.role = parsed
        }
        if config.agent.role == .agent, config.agent.centralURL == nil {
            throw ValidationError("--role agent sends samples to a central daemon: set central.url (http://HOST:PORT) in the configuration")
        }
        if !config.http.isLoopback, config.http.writeToken == nil {
            throw ValidationError("--listen \(config.http.host) is beyond loopback: set http.write_token_env or http.write_token_file in the configuration first")
        }
        let logger = Log.bootstrap(level: config.logLevel)
        if !config.http.isLoopback {
            logger.warning("listening on \(config.http.host), not loopback: anyone who reaches this port can read every metric")
        }
        do {
            try await Daemon(configuration: config, configurationFile: options.config, logger: logger).run()
        } catch {
            logger.critical("metrics serve stopped: \(error)")
            throw ExitCode(1)
        }
    }
}
