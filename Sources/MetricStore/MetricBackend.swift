import RRD

/// Points of one metric, in the order they arrived.
public struct SeriesBatch: Sendable, Equatable {
    public var name: MetricName
    public var kind: MetricKind
    public var points: [TimedValue]

    public init(name: MetricName, kind: MetricKind, points: [TimedValue]) {
        self.name = name
        self.kind = kind
        self.points = points
    }
}

public struct TimedValue: Sendable, Equatable {
    public var time: Int
    public var value: Double

    public init(time: Int, value: Double) {
        self.time = time
        self.value = value
    }
}

/// Why a backend did not store a metric's points.
public enum RefusalReason: String, Sendable, CaseIterable {
    /// At or before the metric's last stored time: RRD files only move forward.
    case late
    /// The cap on the number of metric files was reached; the name is new.
    case metricLimit = "metric_limit"
    /// Too little free space or inodes to create a new file.
    case diskFull = "disk_full"
    /// The write itself failed (file unreadable, librrd error).
    case writeFailed = "write_failed"
}

/// What one write did: how many points were stored, and which were not and why.
public struct WriteReport: Sendable, Equatable {
    public var written = 0
    public var filesCreated = 0
    public var refused: [RefusalReason: Int] = [:]
    /// Metrics with refused points and the first problem for each, for logging.
    public var problems: [MetricName: WriteProblem] = [:]

    public init() {}

    mutating func refuse(_ name: MetricName, _ reason: RefusalReason, count: Int, detail: String) {
        guard count > 0 else { return }
        refused[reason, default: 0] += count
        if problems[name] == nil { problems[name] = WriteProblem(reason: reason, detail: detail) }
    }

    public mutating func merge(_ other: WriteReport) {
        written += other.written
        filesCreated += other.filesCreated
        refused.merge(other.refused, uniquingKeysWith: +)
        problems.merge(other.problems) { first, _ in first }
    }
}

public struct WriteProblem: Sendable, Equatable {
    public var reason: RefusalReason
    public var detail: String
}

/// A stored metric as listed.
public struct MetricSummary: Sendable, Equatable {
    public var name: MetricName
    public var lastUpdate: Int
    public var lastValue: Double?
}

/// Where metric points live. The local backend writes RRD files itself; the rrdcached one routes
/// the same calls through rrdcached. The writer above it owns batching, validation and limits.
public protocol MetricBackend: Sendable {
    /// Stores each batch, creating files for new names when the limits allow.
    func write(_ batches: [SeriesBatch]) async -> WriteReport
    /// Every stored metric matching `pattern` (all when nil), sorted by name.
    func list(matching pattern: MetricPattern?) async throws -> [MetricSummary]
    func fetch(_ name: MetricName, _ cf: Consolidation, start: Int, end: Int, resolution: Int?) async throws -> FetchResult
    /// The data directory the metric files are in.
    var dataDirectory: String { get }
    /// New retention applies to files created from now on; existing files keep their layout.
    func reconfigure(policy: RetentionPolicy, limits: StorageLimits)
    /// Points accepted but not yet stored (a backend that can be unreachable queues them).
    func retryStatistics() -> RetryQueueStatistics
}

extension MetricBackend {
    public func retryStatistics() -> RetryQueueStatistics { RetryQueueStatistics() }
}
