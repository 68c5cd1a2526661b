import CollectorCore
import Collectors
import Curl
import Foundation
import Logging
import MetricStore
import MetricsConfig

/// Every collector the configuration enables, in a fixed order: the daemon's own health first,
/// then the host collectors.
public enum CollectorSet {
    public static func host(_ settings: CollectorSettings, logger: Logger) -> [any Collector] {
        HostCollectors.make(paths: HostPaths(proc: settings.procRoot, sys: settings.sysRoot), options: { id in
            let entry = settings[id]
            return HostCollectors.Options(enabled: entry.enabled, interval: entry.interval, flags: entry.options)
        }, logger: logger)
    }

    /// One collector per configured endpoint, all sharing `client` (one libcurl multi handle).
    public static func endpoints(_ config: DaemonConfiguration, client: HTTPClient, logger: Logger) -> [any Collector] {
        config.endpoints.compactMap { endpoint in
            do {
                return try EndpointCollector(endpoint: endpoint, client: client, logger: logger)
            } catch {
                logger.error("endpoint \(endpoint.name) is left out: \(error)")
                return nil
            }
        }
    }

    /// One collector per configured program.
    public static func programs(_ config: DaemonConfiguration, logger: Logger) -> [any Collector] {
        config.programs.map { ExecCollector(program: $0, logger: logger) }
    }

    public static func all(_ config: DaemonConfiguration, writer: MetricWriter, client: HTTPClient, started: Date, logger: Logger) -> [any Collector] {
        let own: [any Collector] = config.collectors.selfEnabled
            ? [SelfCollector(writer: writer, started: started, interval: config.collectors["self"].interval)]
            : []
        return own + host(config.collectors, logger: logger) + endpoints(config, client: client, logger: logger)
            + programs(config, logger: logger)
    }

    /// Writes the units the host and self collectors declare to the data directory's
    /// `units.json` for `metrics query`. Only these: their declarations read /proc, while an
    /// endpoint's or a program's would fetch or run it.
    public static func recordUnits(of collectors: [any Collector], dataDirectory: String, logger: Logger) async {
        var units: [MetricName: String] = [:]
        for collector in collectors where HostCollectors.ids.contains(collector.id) || collector.id == "self" {
            guard let specs = try? await collector.declaredSeries() else { continue }
            for spec in specs { units[spec.name] = spec.unit }
        }
        do {
            try UnitCatalog.record(units, dataDirectory: dataDirectory)
        } catch {
            logger.warning("cannot write \(UnitCatalog.fileName) in \(dataDirectory): \(error); metrics query will show values without units")
        }
    }
}
