import AgentLink
import CollectorCore
import Curl
import DashboardServer
import DeployJudge
import Dashboards
import EventStore
import IngestListeners
import Foundation
import Logging
import MetricStore
import MetricsConfig
import ServiceLifecycle
import Synchronization

/// `metrics serve`: every service of the daemon in one service group.
///
/// Start order is writer, scheduler, HTTP, reload; graceful shutdown (SIGTERM, SIGINT) stops them
/// in reverse, so collection stops before the writer's last flush.
public struct Daemon {
    public var configuration: DaemonConfiguration
    /// The file to re-read on SIGHUP; nil when running on the embedded default.
    public var configurationFile: String?
    public var logger: Logger

    public init(configuration: DaemonConfiguration, configurationFile: String?, logger: Logger) {
        self.configuration = configuration
        self.configurationFile = configurationFile
        self.logger = logger
    }

    public func run() async throws {
        let started = Date()
        let config = configuration
        let backend = try Self.backend(config, logger: logger)
        let client = HTTPClient()
        defer { client.shutdown() }
        let agent = try Self.agentLink(config, local: backend, client: client, logger: logger)
        let claims = agent == nil ? HostClaims() : nil
        let writer = MetricWriter(backend: agent?.backend ?? backend, limits: config.storage, logger: logger)
        let collectors = CollectorSet.all(config, writer: writer, client: client, started: started, logger: logger)
            + (agent.map { [AgentCollector(link: $0)] } ?? []) + (claims.map { [AgentsCollector(claims: $0)] } ?? [])
        await CollectorSet.recordUnits(of: collectors, dataDirectory: backend.dataDirectory, logger: logger)

        let logger = logger
        let systemd = SystemdNotifier()
        let writeToken = try config.http.writeToken.map { source in
            do { return try source.resolve() } catch { throw DaemonError("http write token: \(error)") }
        }
        let readToken = try config.http.readToken.map { source in
            do { return try source.resolve() } catch { throw DaemonError("http read token: \(error)") }
        }
        let (events, eventsUnavailable) = Self.openEvents(dataDirectory: backend.dataDirectory, logger: logger)
        let dashboards = DashboardStore(directory: config.dashboardPath, logger: logger)
        let reads = ReadSettings(dataDirectory: backend.dataDirectory, dashboards: dashboards, token: readToken, step: config.step, events: events)
        let statsd = StatsDIngest(aggregation: config.statsdAggregation, tagSegments: config.statsdTagSegments, logger: logger, events: events)
        let graphite = GraphiteIngest(maxPending: config.listeners.maxPendingPoints, step: config.step, logger: logger)
        let ingest = IngestService(settings: config.listeners, statsd: statsd, graphite: graphite, writer: writer, step: config.step, logger: logger)
        let http = DaemonHTTPServer.make(
            host: config.http.host, port: config.http.port, writer: writer, statsd: statsd, writeToken: writeToken, step: config.step,
            started: started, logger: logger, reads: reads, events: events, eventsUnavailable: eventsUnavailable, agents: claims
        ) { port in
            logger.info("listening on http://\(config.http.host):\(port) (data directory \(backend.dataDirectory), step \(config.step)s, \(collectors.count) collector(s))")
            systemd.ready("listening on \(config.http.host):\(port)")
        }
        let impactSettings = ImpactSettings(config.impact, dataDirectory: backend.dataDirectory, client: client, logger: logger)
        let impact = Self.impactService(impactSettings, events: events, writer: writer, step: config.step, logger: logger)
        let reload = ReloadService(file: configurationFile, current: config, backend: backend, writer: writer, impact: impactSettings,
                                   systemd: systemd, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: WriterService(writer: writer, interval: .seconds(config.step), logger: logger)),
            ] + (agent.map { [.init(service: ReplayService(link: $0))] } ?? []) + [
                .init(service: Scheduler(step: config.step, collectors: collectors, writer: writer, logger: logger)),
                .init(service: ingest),
                .init(service: http),
                .init(service: reload),
            ] + (impact.map { [.init(service: $0)] } ?? []),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        logger.info("stopped")
    }

    /// The store the configuration names. With rrdcached, this process's reads and graphs go
    /// through it too (flush first, `--daemon`), so pages never miss the points it caches.
    static func backend(_ config: DaemonConfiguration, logger: Logger) throws -> any MetricBackend {
        config.storageBackend.routeReads(dataDirectory: config.dataDirectory)
        switch config.storageBackend {
        case .local:
            return try LocalRRDBackend(dataDirectory: config.dataDirectory, policy: config.retention, limits: config.storage)
        case .rrdcached(let settings):
            logger.info("storing through rrdcached at \(settings.address) (retry queue up to \(settings.maxQueuedPoints) points)")
            return try RRDCachedBackend(dataDirectory: config.dataDirectory, settings: settings, policy: config.retention,
                                        limits: config.storage, logger: logger)
        }
    }

    /// Deploy impact judging, whenever events are available: with no `impact.services` it
    /// judges nothing until a SIGHUP reload configures some.
    static func impactService(_ settings: ImpactSettings, events: EventStoreQueue?, writer: MetricWriter, step: Int,
                              logger: Logger) -> ImpactService? {
        events.map { ImpactService(settings: settings, events: $0, writer: writer, step: step, logger: logger) }
    }

    /// The events store of the data directory. One that cannot be opened (corrupt, locked for
    /// longer than the busy timeout, from a newer metrics) must not stop metrics collection:
    /// the daemon runs without events, says so at start, and the event endpoints answer 503
    /// with the same reason.
    static func openEvents(dataDirectory: String, logger: Logger) -> (EventStoreQueue?, String) {
        do {
            let store = try EventStore(dataDirectory: dataDirectory)
            // A locked database under a flood fails every queued event: one warning a minute.
            let limit = LogLimit()
            let queue = EventStoreQueue(store: store, maxQueued: 1_000) { error in
                let now = Int(Date().timeIntervalSince1970)
                guard let suppressed = limit.state.withLock({ $0.shouldLog(now: now) }) else { return }
                let more = suppressed > 0 ? " (\(suppressed) more in the last minute)" : ""
                logger.warning("events: a DogStatsD event was not stored: \(error)\(more)")
            }
            return (queue, "")
        } catch {
            let reason = "events are unavailable: \(error)"
            logger.error("\(reason); the daemon runs without events (graphs show none, event endpoints answer 503)")
            return (nil, reason)
        }
    }
}

public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A `RateLimitedLog` that escaping closures can share.
private final class LogLimit: Sendable {
    let state = Mutex(RateLimitedLog(interval: 60))
}
