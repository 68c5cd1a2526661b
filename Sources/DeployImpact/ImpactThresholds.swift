/// The detector's thresholds. Every field has a default (decoding fills in missing ones); the
/// defaults were tuned on the synthetic data of `bench/deploy-impact`, see the README.
public struct ImpactThresholds: Codable, Sendable, Equatable {
    /// Robust z-score (level) at or above which a rise is `suspect`.
    public var zSuspect: Double = 3
    /// Robust z-score at or above which a rise is a `regression`.
    public var zRegression: Double = 5
    /// Rate-test p-value (count, rate, failure) at or below which a rise is `suspect`.
    public var pSuspect: Double = 1e-3
    /// Rate-test p-value at or below which a rise is a `regression`.
    public var pRegression: Double = 1e-5
    /// Minimum after/expected ratio of a `regression` (rate, count); `suspect` needs
    /// half the excess (1.5 -> 1.25).
    public var minRatio: Double = 1.5
    /// Minimum after/expected ratio of a `regression` of a `level` (latency): levels move less.
    public var minLevelRatio: Double = 1.15
    /// Minimum after - expected, in the signal's units (a signal may override it). 0: none.
    public var minAbsoluteChange: Double = 0
    /// Minimum extra events in the after-window for a count `regression` (and half that for
    /// `suspect`): 0 -> 3 errors is not news.
    public var minExtraEvents: Double = 10
    /// Minimum rise of the failed fraction of checks for a failure `regression`.
    public var minFailedFractionRise: Double = 0.2
    /// After-window spikes shorter than this (seconds) are dropped as unrelated: the top
    /// ceil(spikeTolerance / step) points of the after-window are trimmed.
    public var spikeTolerance: Int = 60
    /// The z-score divides the baseline spread by sqrt(min(after points, this)): the after mean
    /// is less noisy than one point, but points are correlated, so the gain is capped.
    public var maxEffectivePoints: Int = 9
    /// The baseline spread is at least this fraction of the baseline level (a flat baseline
    /// would otherwise make any wiggle infinitely significant).
    public var minSpreadFraction: Double = 0.05
    /// A window needs at least this fraction of its steps present to be judged.
    public var minCoverage: Double = 0.5

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ImpactThresholds()
        zSuspect = try c.decodeIfPresent(Double.self, forKey: .zSuspect) ?? d.zSuspect
        zRegression = try c.decodeIfPresent(Double.self, forKey: .zRegression) ?? d.zRegression
        pSuspect = try c.decodeIfPresent(Double.self, forKey: .pSuspect) ?? d.pSuspect
        pRegression = try c.decodeIfPresent(Double.self, forKey: .pRegression) ?? d.pRegression
        minRatio = try c.decodeIfPresent(Double.self, forKey: .minRatio) ?? d.minRatio
        minLevelRatio = try c.decodeIfPresent(Double.self, forKey: .minLevelRatio) ?? d.minLevelRatio
        minAbsoluteChange = try c.decodeIfPresent(Double.self, forKey: .minAbsoluteChange) ?? d.minAbsoluteChange
        minExtraEvents = try c.decodeIfPresent(Double.self, forKey: .minExtraEvents) ?? d.minExtraEvents
        minFailedFractionRise = try c.decodeIfPresent(Double.self, forKey: .minFailedFractionRise) ?? d.minFailedFractionRise
        spikeTolerance = try c.decodeIfPresent(Int.self, forKey: .spikeTolerance) ?? d.spikeTolerance
        maxEffectivePoints = try c.decodeIfPresent(Int.self, forKey: .maxEffectivePoints) ?? d.maxEffectivePoints
        minSpreadFraction = try c.decodeIfPresent(Double.self, forKey: .minSpreadFraction) ?? d.minSpreadFraction
        minCoverage = try c.decodeIfPresent(Double.self, forKey: .minCoverage) ?? d.minCoverage
    }

    /// The first problem with these thresholds, as a sentence that says what to write instead.
    public var problem: String? {
        if !(zSuspect > 0 && zSuspect <= zRegression) { return "zSuspect must be above 0 and at most zRegression" }
        if !(pRegression > 0 && pRegression <= pSuspect && pSuspect < 1) { return "need 0 < pRegression <= pSuspect < 1" }
        if !(minRatio >= 1 && minLevelRatio >= 1) { return "minRatio and minLevelRatio must be at least 1" }
        if !(minAbsoluteChange >= 0 && minExtraEvents >= 0) { return "minAbsoluteChange and minExtraEvents must be 0 or more" }
        if !(minFailedFractionRise >= 0 && minFailedFractionRise <= 1) { return "minFailedFractionRise must be within 0...1" }
        if !(0...3_600).contains(spikeTolerance) { return "spikeTolerance must be within 0...3600 seconds" }
        if !(1...10_000).contains(maxEffectivePoints) { return "maxEffectivePoints must be within 1...10000" }
        if !(minSpreadFraction >= 0 && minSpreadFraction <= 1) { return "minSpreadFraction must be within 0...1" }
        if !(minCoverage > 0 && minCoverage <= 1) { return "minCoverage must be above 0 and at most 1" }
        return nil
    }
}
