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
    public var retention = RetentionPolicy()
    public var logLevel = LogLevel.info
    public var collectors = CollectorSettings()
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

    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}

public struct CollectorSettings: Sendable, Equatable {
    /// The daemon's own health: uptime, samples accepted, written and refused.
    public var selfEnabled = true

    public init() {}
}

public enum LogLevel: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

extension HTTPSettings {
    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6).
    public init?(listen: String) {
        guard let (host, port) = ConfigReader.listenAddress(listen) else { return nil }
        self.init(host: host, port: port)
    }
}
