import Collectors
import DeployImpact
import IngestListeners
import StatsD
import MetricStore

/// Everything `metrics serve` reads from its configuration file, with the defaults of
/// `etc/metrics.yaml` for whatever the file leaves out.
public struct DaemonConfiguration: Sendable, Equatable {
    /// Where RRD files live; relative paths are taken from the working directory.
    public var dataDirectory = "data"
    /// Collection step in seconds: collectors run and the writer flushes once per step.
    public var step = 10
    public var http = HTTPSettings()
    public var storage = StorageLimits()
    /// `storage.backend`: the daemon's own files (default) or rrdcached.
    public var storageBackend = StorageBackend.local
    public var retention = RetentionPolicy()
    public var logLevel = LogLevel.info
    public var collectors = CollectorSettings()
    /// Application endpoints to scrape, from `endpoints:` and the drop-in files.
    public var endpoints: [Endpoint] = []
    /// Folder of drop-in endpoint files (`*.yaml`, each with an `endpoints:` list); relative to
    /// the configuration file's folder (the working directory for the embedded default).
    public var endpointDirectory = "collectors"
    /// Folder of dashboard files (`*.yaml`), as written in the file; see ``dashboardPath``.
    public var dashboardDirectory = "dashboards"
    /// The folder relative paths are taken from: the configuration file's (the working
    /// directory for the embedded default).
    public var baseDirectory: String?
    /// Collector programs from `exec:` and the drop-in files.
    public var programs: [ExecProgram] = []
    /// StatsD and Graphite listeners and their limits.
    public var listeners = ListenerSettings()
    public var statsdAggregation = StatsDAggregation()
    /// DogStatsD tag keys whose values become name segments, in this order; other tags are ignored.
    public var statsdTagSegments: [String] = []
    /// Deploy impact: error signals per `service` tag value, windows, thresholds, webhook.
    /// No services (the default) means no deploy is judged.
    public var impact = ImpactConfig()
    /// Agent or central: `role`, `host_name`, `central`.
    public var agent = AgentSettings()
    /// The file this came from, or `(embedded default)`.
    public var source = DefaultConfiguration.sourceName

    public init() {}
}

public struct HTTPSettings: Sendable, Equatable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8080

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// The bearer token the write endpoints (push, events) require; required beyond loopback.
    public var writeToken: SecretSource?
    /// The token every read endpoint (dashboards, graphs, series) requires when set.
    public var readToken: SecretSource?

    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}

/// Which collectors run, how often, and their options. Every collector is on by default.
public struct CollectorSettings: Sendable, Equatable {
    /// Where host collectors read from; tests point these at fixture trees.
    public var procRoot = "/proc"
    public var sysRoot = "/sys"
    public var entries: [String: CollectorEntry]

    /// Collector ids and the boolean options each accepts.
    public static let known: [(id: String, options: [String: Bool])] = [
        ("self", [:]),
        ("cpu", ["per_core": true]),
        ("memory", [:]),
        ("system", [:]),
        ("network", ["loopback": false, "virtual": false]),
        ("disk", ["partitions": false]),
        ("filesystem", ["pseudo": false]),
        ("vmstat", [:]),
        ("pressure", [:]),
        ("netstat", [:]),
    ]

    /// A name each collector's metrics start with, to find the retention schema they will get.
    public static let representativeName: [String: String] = [
        "self": "metrics.self.uptime", "cpu": "host.cpu.total.user", "memory": "host.memory.free",
        "system": "host.load.1", "network": "host.net.eth0.rx_bytes", "disk": "host.disk.sda.reads",
        "filesystem": "host.fs.root.used", "vmstat": "host.vmstat.pgpgin", "pressure": "host.pressure.cpu.some",
        "netstat": "host.tcp.active_opens",
    ]

    public init() {
        entries = Dictionary(uniqueKeysWithValues: Self.known.map { ($0.id, CollectorEntry(options: $0.options)) })
    }

    public subscript(id: String) -> CollectorEntry { entries[id] ?? CollectorEntry() }

    public var selfEnabled: Bool { self["self"].enabled }
}

public struct CollectorEntry: Sendable, Equatable {
    public var enabled = true
    /// Seconds between runs; nil means the daemon's step.
    public var interval: Int?
    public var options: [String: Bool] = [:]

    public init(enabled: Bool = true, interval: Int? = nil, options: [String: Bool] = [:]) {
        self.enabled = enabled
        self.interval = interval
        self.options = options
    }

    public func option(_ key: String) -> Bool { options[key] ?? false }
}

public enum LogLevel: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

extension DaemonConfiguration {
    /// ``dashboardDirectory`` resolved against ``baseDirectory``, as `endpoint_dir` is.
    public var dashboardPath: String {
        guard !dashboardDirectory.hasPrefix("/"), let baseDirectory else { return dashboardDirectory }
        return baseDirectory + "/" + dashboardDirectory
    }
}

extension HTTPSettings {
    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6).
    public init?(listen: String) {
        guard let (host, port) = ConfigReader.listenAddress(listen) else { return nil }
        self.init(host: host, port: port)
    }
}
