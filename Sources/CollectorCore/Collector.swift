import MetricStore

/// What a collector promises to produce: declared up front so the store and the dashboard know
/// a series' type and unit before its first value arrives.
public struct SeriesSpec: Sendable, Equatable {
    public var name: MetricName
    public var kind: MetricKind
    public var unit: String

    public init(name: MetricName, kind: MetricKind, unit: String = "") {
        self.name = name
        self.kind = kind
        self.unit = unit
    }
}

/// A source of samples, called once per step by the ``Scheduler``.
/// Collectors are listed explicitly where the daemon is composed, never registered by side effect.
public protocol Collector: Sendable {
    /// Short identifier used in logs and self-metrics, e.g. `self`, `cpu`.
    var id: String { get }
    var series: [SeriesSpec] { get }
    /// Values at `time` (seconds since the epoch, aligned to the step).
    func collect(at time: Int) async throws -> [Sample]
}
