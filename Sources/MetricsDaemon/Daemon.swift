import CollectorCore
import Curl
import DashboardServer
import Dashboards
import IngestListeners
import Foundation
import Logging
import MetricStore
import MetricsConfig
import ServiceLifecycle

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
        let backend = try LocalRRDBackend(dataDirectory: config.dataDirectory, policy: config.retention, limits: config.storage)
        let writer = MetricWriter(backend: backend, limits: config.storage, logger: logger)
        let client = HTTPClient()
        defer { client.shutdown() }
        let collectors = CollectorSet.all(config, writer: writer, client: client, started: started, logger: logger)
        await CollectorSet.recordUnits(of: collectors, dataDirectory: backend.dataDirectory, logger: logger)

        let logger = logger
        let systemd = SystemdNotifier()
        let writeToken = try config.http.writeToken.map { source in
            do { return try source.resolve() } catch { throw DaemonError("http write token: \(error)") }
        }
        let readToken = try config.http.readToken.map { source in
            do { return try source.resolve() } catch { throw DaemonError("http read token: \(error)") }
        }
        let dashboards = DashboardStore(directory: config.dashboardPath, logger: logger)
        let reads = ReadSettings(dataDirectory: backend.dataDirectory, dashboards: dashboards, token: readToken, step: config.step)
        let statsd = StatsDIngest(aggregation: config.statsdAggregation, tagSegments: config.statsdTagSegments, logger: logger)
        let graphite = GraphiteIngest(maxPending: config.listeners.maxPendingPoints, step: config.step, logger: logger)
        let ingest = IngestService(settings: config.listeners, statsd: statsd, graphite: graphite, writer: writer, step: config.step, logger: logger)
        let http = DaemonHTTPServer.make(
            host: config.http.host, port: config.http.port, writer: writer, statsd: statsd, writeToken: writeToken, step: config.step,
            started: started, logger: logger, reads: reads
        ) { port in
            logger.info("listening on http://\(config.http.host):\(port) (data directory \(backend.dataDirectory), step \(config.step)s, \(collectors.count) collector(s))")
            systemd.ready("listening on \(config.http.host):\(port)")
        }
        let reload = ReloadService(file: configurationFile, current: config, backend: backend, writer: writer, systemd: systemd, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: WriterService(writer: writer, interval: .seconds(config.step), logger: logger)),
                .init(service: Scheduler(step: config.step, collectors: collectors, writer: writer, logger: logger)),
                .init(service: ingest),
                .init(service: http),
                .init(service: reload),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        logger.info("stopped")
    }
}

public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
