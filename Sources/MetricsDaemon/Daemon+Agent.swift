import AgentLink
import CollectorCore
import Curl
import DashboardServer
import Logging
import MetricStore
import MetricsConfig

/// The agent and central roles: what differs from a daemon that only stores what it collects.
extension Daemon {
    /// For an agent, the link to the central (its backend replaces the local files'); nil otherwise.
    static func agentLink(_ config: DaemonConfiguration, local: any MetricBackend, client: HTTPClient, logger: Logger) throws -> AgentLink? {
        let settings = config.agent
        guard settings.role == .agent else { return nil }
        guard let url = settings.centralURL else {
            throw DaemonError("role agent needs central.url (the central daemon's http://HOST:PORT) in the configuration")
        }
        let token = try settings.token.map { source in
            do { return try source.resolve() } catch { throw DaemonError("central token: \(error)") }
        }
        do {
            let link = try AgentLink(centralURL: url, token: token, hostName: settings.hostName, keepLocal: settings.keepLocal,
                                     bufferBytes: settings.bufferMax, local: local, dataDirectory: local.dataDirectory, client: client, step: config.step, logger: logger)
            logger.info("agent: sending samples to \(url) as hosts.\(link.host).* (machine \(link.machineID)); buffer up to \(settings.bufferMax) bytes in \(local.dataDirectory)/agent-buffer\(settings.keepLocal ? "; local files kept" : "")")
            return link
        } catch {
            throw DaemonError("agent: \(error)")
        }
    }
}

/// The central's view of its agents, `metrics.self.agents.*`, from the first agent batch on.
struct AgentsCollector: Collector {
    let id = "agents"
    let claims: HostClaims

    private static func spec(_ suffix: String, _ kind: MetricKind, _ unit: String) -> SeriesSpec {
        SeriesSpec(name: try! MetricName("metrics.self.agents." + suffix), kind: kind, unit: unit, min: 0)
    }

    static let series: [SeriesSpec] = [
        spec("batches", .counter, "batches/s"),
        spec("host_conflicts", .counter, "batches/s"),
        spec("hosts", .gauge, "hosts"),
    ]

    func declaredSeries() async throws -> [SeriesSpec] { Self.series }

    func collect(at time: Int) async throws -> [Sample] {
        let stats = claims.statistics
        // A daemon no agent reports to gets no agents.* files.
        guard stats.batches + stats.conflicts > 0 else { return [] }
        return zip(Self.series, [stats.batches, stats.conflicts, stats.hosts].map(Double.init)).map { $0.sample($1, at: time) }
    }
}
