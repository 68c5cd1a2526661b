/// What an error signal measures; it picks the test the detector runs.
public enum SignalKind: String, Codable, Sendable, CaseIterable {
    /// Events per second (5xx per second, errors counted from StatsD): judged as the counts per
    /// step they were made from (rate x step).
    case rate
    /// Events per step (a counter's increments): conditional binomial (Poisson rate) test.
    case count
    /// A level such as a latency: robust z-score.
    case level
    /// Failed checks, 0 or 1 per step (or the failed fraction once consolidated): rate test on
    /// the failed steps, plus a minimum rise of the failed fraction.
    case failure
}

/// One point of a series, stamped at the END of its step as librrd stamps them; `nil` or NaN
/// is a missing value.
public struct SeriesPoint: Sendable, Equatable {
    public var time: Int
    public var value: Double?

    public init(time: Int, value: Double?) {
        self.time = time
        self.value = value
    }
}

/// One error signal around one deploy. `points` must cover the baseline window before the
/// deploy and the window after it; when they also cover the same windows one day and one week
/// earlier, those are used to discount the daily and weekly cycle.
public struct SignalSeries: Sendable {
    public var metric: String
    public var kind: SignalKind
    public var points: [SeriesPoint]
    /// Overrides ``ImpactThresholds/minAbsoluteChange`` for this signal (its units).
    public var minAbsoluteChange: Double?

    public init(metric: String, kind: SignalKind, points: [SeriesPoint], minAbsoluteChange: Double? = nil) {
        self.metric = metric
        self.kind = kind
        self.points = points
        self.minAbsoluteChange = minAbsoluteChange
    }
}

/// When a deploy happened; a deploy with an end is judged from its end.
public struct DeployTime: Sendable, Equatable {
    public var start: Int
    public var end: Int?

    public init(start: Int, end: Int? = nil) {
        self.start = start
        self.end = end
    }

    /// The after-window starts when the deploy is finished.
    public var settled: Int { max(start, end ?? start) }
}
