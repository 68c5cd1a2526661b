/// How a series' value behaves, which decides its RRD data source type.
public enum MetricKind: String, Sendable, CaseIterable, Codable {
    /// A level (memory used, queue length): stored as GAUGE.
    case gauge
    /// An ever-growing count (bytes sent): stored as DDERIVE with min 0 (DERIVE that accepts
    /// decimals), so a reset becomes a gap, not a spike.
    case counter
    /// A count already reset per interval (StatsD flush): stored as ABSOLUTE.
    case absolute
}

/// One measured value of one metric at one second.
public struct Sample: Sendable, Equatable {
    public var name: MetricName
    public var kind: MetricKind
    public var time: Int
    public var value: Double

    public init(name: MetricName, kind: MetricKind = .gauge, time: Int, value: Double) {
        self.name = name
        self.kind = kind
        self.time = time
        self.value = value
    }
}
