import MetricStore

/// How a collector program reports its values.
public enum ExecProtocol: String, Sendable, CaseIterable {
    /// Guess from each run's output (see ``ExecProtocolDetection``); set the protocol explicitly
    /// when a program's metric names must never depend on a guess.
    case auto
    /// `name value [timestamp]` lines, as collectd's exec plugin and Graphite take them.
    case plain
    /// A Munin plugin: `<plugin> config` describes the fields, `<plugin>` prints `field.value N`.
    case munin
    /// A Nagios / monitoring-plugins check: exit status 0–3 and `'label'=value[UOM];...` perfdata.
    case nagios
}

/// One collector program, as configured under `exec:`. The daemon runs it every interval.
public struct ExecProgram: Sendable, Equatable {
    /// One metric name segment; the collector's id is `exec.<name>`.
    public var name: String
    /// Absolute path of the executable.
    public var path: String
    public var arguments: [String]
    /// Added to the minimal environment the program gets (`PATH`, `LANG=C`), overriding it.
    public var environment: [String: String]
    /// Seconds between runs; nil runs it at the daemon's step.
    public var interval: Int?
    /// Past it the program's whole process group is killed and the run's samples dropped.
    public var timeoutSeconds: Double
    /// Past this many bytes on stdout the program is killed and the run's samples dropped.
    public var maxOutputBytes: Int
    /// Metric prefix; nil uses the protocol's: `exec.<name>`, `munin.<name>`, `check.<name>`.
    public var prefix: String?
    public var `protocol`: ExecProtocol

    public static let defaultMaxOutputBytes = 1 << 20

    public init(name: String, path: String, arguments: [String] = [], environment: [String: String] = [:],
                interval: Int? = nil, timeoutSeconds: Double? = nil, maxOutputBytes: Int = defaultMaxOutputBytes,
                prefix: String? = nil, protocol: ExecProtocol = .auto) {
        self.name = name
        self.path = path
        self.arguments = arguments
        self.environment = environment
        self.interval = interval
        self.timeoutSeconds = timeoutSeconds ?? Self.defaultTimeout(interval: interval)
        self.maxOutputBytes = maxOutputBytes
        self.prefix = prefix
        self.protocol = `protocol`
    }

    /// The interval (10 s when it is the daemon's step) less the 2 s that killing may take, at
    /// least 1 s: the scheduler gives a run one interval, and a run it abandons records nothing,
    /// not even the kill.
    public static func defaultTimeout(interval: Int?) -> Double {
        max(1, Double(interval ?? 10) - ExecRunner.killGraceSeconds)
    }

    /// The prefix for output read in `protocol`.
    public func prefix(for protocol: ExecProtocol) -> String {
        if let prefix { return prefix }
        switch `protocol` {
        case .auto, .plain: return "exec.\(name)"
        case .munin: return "munin.\(name)"
        case .nagios: return "check.\(name)"
        }
    }

    /// Every problem that would make the program unusable, for the configuration check.
    public func validate() throws(ExecProgramError) {
        guard !name.isEmpty, MetricName.segment(from: name) == name else { throw .badName(name) }
        guard path.hasPrefix("/") else { throw .pathNotAbsolute(path) }
        guard timeoutSeconds > 0, timeoutSeconds.isFinite else { throw .badTimeout(timeoutSeconds) }
        guard maxOutputBytes > 0 else { throw .badMaxOutput(maxOutputBytes) }
        if let interval, interval <= 0 { throw .badInterval(interval) }
        if let prefix {
            do { _ = try MetricName(prefix) } catch { throw .badPrefix(prefix, error) }
        }
        for key in environment.keys where key.isEmpty || key.contains("=") || key.utf8.contains(0) {
            throw .badEnvironmentName(key)
        }
        for (key, value) in environment where value.utf8.contains(0) { throw .badEnvironmentValue(key) }
    }
}
