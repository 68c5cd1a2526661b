/// What an idle metric (seen before, no data this step) writes at a flush.
public enum IdlePolicy: String, Sendable, CaseIterable {
    /// Nothing: the RRD shows unknown once its heartbeat passes.
    case gap
    /// 0 for counters (`.count`, `.rate`), sets (`.unique`) and timers (`.count` only, as etsy
    /// statsd does: a zero latency would be a lie).
    case zero
}

/// How `StatsDAggregator` turns a step of StatsD values into samples.
public struct StatsDAggregation: Sendable, Equatable {
    /// Timer percentiles, each in (0, 100]; written as `p` + the number with `.` as `_`
    /// (`99.9` is `p99_9`). Values outside the range are left out.
    public var percentiles: [Double] = [50, 90, 99]
    public var idleCounters: IdlePolicy = .zero
    public var idleTimers: IdlePolicy = .gap
    public var idleSets: IdlePolicy = .zero
    /// Gauges repeat their last value every step (etsy's `deleteGauges: false`); otherwise a gauge
    /// is written only in steps that received it.
    public var gaugeKeep = true
    /// Distinct names held at once; values for new names past it are dropped and counted.
    public var maxMetrics = 10_000
    /// Seconds without data after which a metric is forgotten (nothing more is written for it, and
    /// a gauge's level is lost: a later delta starts again from 0). Bounds memory.
    public var forgetAfter = 3600
    /// Raw values kept per timer per step for percentiles (reservoir sampling past it); count,
    /// mean, min and max stay exact.
    public var timerReservoir = 10_000
    /// Distinct members counted per set per step; past it `.unique` stays at this number.
    public var maxSetMembers = 100_000

    public init() {}
}
