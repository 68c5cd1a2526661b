import ArgumentParser
import Dashboards
import Foundation
import MetricStore
import MetricsConfig
import IngestListeners

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file and report each problem with its line.",
        discussion: "Also checks the dashboard files of its dashboards folder. Exits 0 when everything is usable, 1 when something has problems."
    )

    @Option(name: .long, help: ArgumentHelp("Configuration file to check; without it the embedded default is checked.", valueName: "file"))
    var config: String?

    func run() async throws {
        let loaded: DaemonConfiguration
        do {
            loaded = try ConfigurationLoader.load(file: config)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            let count = error.problems.count
            FileHandle.standardError.write(Data("\(config ?? "configuration"): \(count) problem\(count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
        let dashboards = DashboardLoader.loadDirectory(loaded.dashboardPath)
        print(Self.summary(loaded))
        print(Self.dashboardSummary(dashboards.dashboards, folder: loaded.dashboardPath))
        if case .rrdcached(let settings) = loaded.storageBackend {
            // Reachable, and accepting our absolute paths (its -b/-B mode matches ours)?
            let finding = await RRDCachedCheck.run(settings, dataDirectory: loaded.dataDirectory)
            guard finding.ok else {
                FileHandle.standardError.write(Data(finding.lines.map { "storage.rrdcached: \($0)\n" }.joined().utf8))
                throw ExitCode(1)
            }
            print(finding.lines.map { "  storage         \($0)" }.joined(separator: "\n"))
        }
        guard dashboards.problems.isEmpty else {
            FileHandle.standardError.write(Data(dashboards.problems.map { "\($0)\n" }.joined().utf8))
            let count = dashboards.problems.count
            FileHandle.standardError.write(Data("dashboards: \(count) problem\(count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
    }

    static func dashboardSummary(_ dashboards: [Dashboard], folder: String) -> String {
        guard !dashboards.isEmpty else { return "  dashboards      none in \(folder)" }
        return dashboards.map { "  dashboard       \($0.name): \($0.title), \($0.panels.count) panels (\(folder))" }.joined(separator: "\n")
    }

    static func summary(_ config: DaemonConfiguration) -> String {
        var lines = ["\(config.source): OK"]
        lines.append("  data directory  \(config.dataDirectory)")
        lines.append("  listen          \(config.http.host):\(config.http.port)\(config.http.isLoopback ? "" : "  (not loopback: reachable from the network)")")
        lines.append("  step            \(DurationText.format(config.step))")
        if config.agent.role == .agent, let url = config.agent.centralURL {
            let host = config.agent.hostName ?? "\(HostName.systemShortName()) (system host name)"
            lines.append("  role            agent: sends to \(url) as hosts.\(host).*, buffer up to \(ByteSizeText.format(config.agent.bufferMax))\(config.agent.keepLocal ? ", local files kept" : "")")
        } else {
            lines.append("  role            central: stores samples, accepts agents on POST /api/v1/samples")
        }
        if case .rrdcached(let settings) = config.storageBackend {
            lines.append("  storage         through rrdcached at \(settings.address), retry queue up to \(settings.maxQueuedPoints) points")
        }
        for schema in config.retention.schemas {
            let tiers = schema.tiers.map(\.description).joined(separator: ", ")
            lines.append("  retention       \(schema.name) (\(schema.pattern)): \(tiers), \(ByteSizeText.format(schema.bytesPerMetric)) per metric")
        }
        let listeners = [("statsd udp", config.listeners.statsdUDP), ("statsd tcp", config.listeners.statsdTCP), ("graphite tcp", config.listeners.graphiteTCP)]
        lines.append("  ingest          " + listeners.map { "\($0.0) \($0.1.map(\.description) ?? "off")" }.joined(separator: ", "))
        lines.append("  read token      \(config.http.readToken.map { "from the \($0)" } ?? "none: reads are open to whoever reaches the port")")
        lines.append("  push            POST /api/v1/push, \(config.http.writeToken.map { "token from the \($0)" } ?? "no token (loopback only)")")
        for endpoint in config.endpoints {
            lines.append("  endpoint        \(endpoint.name): \(endpoint.kind.rawValue) \(endpoint.url) as \(endpoint.prefix).*")
        }
        for program in config.programs {
            lines.append("  program         \(program.name): \(program.path) (\(program.protocol.rawValue))")
        }
        let largest = config.retention.schemas.map(\.bytesPerMetric).max() ?? 0
        lines.append("  max metrics     \(config.storage.maxMetrics) (at most \(ByteSizeText.format(largest * config.storage.maxMetrics)) on disk)")
        return lines.joined(separator: "\n")
    }
}
