import MetricStore

/// What a collector promises to produce: declared up front so the store and the dashboard know
/// a series' type, unit and range before its first value arrives.
public struct SeriesSpec: Sendable, Equatable {
    public var name: MetricName
    public var kind: MetricKind
    public var unit: String
    public var min: Double?
    public var max: Double?

    public init(name: MetricName, kind: MetricKind, unit: String = "", min: Double? = nil, max: Double? = nil) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.min = min
        self.max = max
    }

    public func sample(_ value: Double, at time: Int) -> Sample {
        Sample(name: name, kind: kind, time: time, value: value)
    }
}

/// A source of samples, called by the ``Scheduler`` once per interval.
/// Collectors are listed explicitly where the daemon is composed, never registered by side effect.
public protocol Collector: Sendable {
    /// Short identifier used in logs and self-metrics, e.g. `self`, `cpu`.
    var id: String { get }
    /// Seconds between runs; nil runs it at the daemon's step.
    var interval: Int? { get }
    /// The series it produces, from what it can see now (cores, interfaces, devices).
    func declaredSeries() async throws -> [SeriesSpec]
    /// Values at `time` (seconds since the epoch, aligned to the interval).
    func collect(at time: Int) async throws -> [Sample]
}

extension Collector {
    public var interval: Int? { nil }
}
