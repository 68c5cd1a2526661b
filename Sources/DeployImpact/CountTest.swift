/// Count signals (events per step): conditional binomial test.
///
/// If both windows had the expected rates, the after-window's share of all N = S_after +
/// S_before events is Binomial(N, p0) with p0 = n_a r_a / (n_a r_a + n_b r_b), r_b the
/// baseline rate (at least half an event per baseline window, so a silent baseline still
/// gives a test) and r_a = r_b + the references' rise. The p-value is P(X >= S_after).
/// Counts noisier than Poisson (bursts of bad requests, a rate that is not a plain count)
/// would make that test overconfident, so the counts are first divided by the baseline's
/// dispersion (variance / mean, at least 1): the quasi-Poisson scaling.
/// A regression also needs `minRatio` and `minExtraEvents` more events than expected.
/// Baseline steps far above the baseline's median (an unrelated spike, the tail of an earlier
/// bad deploy) are left out, or they would inflate the expected rate and hide a regression.
enum CountTest {
    static func judge(_ signal: SignalSeries, _ sample: ImpactSample, _ thresholds: ImpactThresholds) -> SignalImpact {
        let baseline = withoutOutliers(sample.baseline)
        let nb = Double(baseline.count), na = Double(sample.after.count)
        let sumBefore = baseline.reduce(0, +), sumAfter = sample.after.reduce(0, +)
        let before = sumBefore / nb, after = sumAfter / na
        let expected = before + sample.expectedRise
        let floorRate = max(before, 0.5 / nb)
        let share = na * (floorRate + sample.expectedRise) / (na * (floorRate + sample.expectedRise) + nb * floorRate)
        let scale = dispersion(baseline)
        let observed = Int((sumAfter / scale).rounded()), total = Int(((sumAfter + sumBefore) / scale).rounded())
        let pValue = RobustStatistics.binomialUpperTail(atLeast: observed, trials: max(total, observed), probability: share)
        let extra = sumAfter - na * expected
        let ratio = effectRatio(after: after, expected: expected)
        let bigEnough = after - expected >= (signal.minAbsoluteChange ?? thresholds.minAbsoluteChange) && extra > 0
        let verdict: ImpactVerdict =
            bigEnough && pValue <= thresholds.pRegression && ratio >= thresholds.minRatio && extra >= thresholds.minExtraEvents
                ? .regression
            : bigEnough && pValue <= thresholds.pSuspect && ratio >= 1 + (thresholds.minRatio - 1) / 2
                && extra >= thresholds.minExtraEvents / 2 ? .suspect
            : .ok
        return SignalImpact(signal, sample, before: before, after: after,
                            score: RobustStatistics.normalQuantile(upperTail: pValue), pValue: pValue, verdict: verdict)
    }

    /// Variance over mean of the baseline's steps (outliers already dropped), at least 1
    /// (Poisson) and at most 1,000. The plain variance: the MAD of small counts is too coarse.
    static func dispersion(_ values: [Double]) -> Double {
        let mean = RobustStatistics.mean(values)
        guard mean > 0, values.count > 1 else { return 1 }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return min(max(variance / mean, 1), 1_000)
    }

    /// Drops steps more than 4 spreads above the median, the spread being at least the Poisson
    /// noise of the median (and at least one event).
    static func withoutOutliers(_ values: [Double]) -> [Double] {
        let median = RobustStatistics.median(values)
        let spread = max(RobustStatistics.robustSpread(values), median.squareRoot(), 1)
        return values.filter { $0 <= median + 4 * spread }
    }
}

/// Failure signals (0 or 1 per step, or the failed fraction once consolidated): binomial test
/// of the failed steps after the deploy against the baseline's failed fraction (at least one
/// failure in baseline + 1 steps) plus the references' rise. A regression also needs the failed
/// fraction to rise by `minFailedFractionRise` (half of it for suspect).
enum FailureTest {
    static func judge(_ signal: SignalSeries, _ sample: ImpactSample, _ thresholds: ImpactThresholds) -> SignalImpact {
        let clamp = { (value: Double) in min(max(value, 0), 1) }
        let baseline = sample.baseline.map(clamp), afterValues = sample.after.map(clamp)
        let before = RobustStatistics.mean(baseline), after = RobustStatistics.mean(afterValues)
        let expected = min(1, before + sample.expectedRise)
        let probability = min(1, max(expected, 1 / Double(baseline.count + 1)))
        let failed = Int(afterValues.reduce(0, +).rounded())
        let pValue = RobustStatistics.binomialUpperTail(atLeast: failed, trials: afterValues.count, probability: probability)
        let rise = after - expected
        let bigEnough = rise >= (signal.minAbsoluteChange ?? thresholds.minAbsoluteChange) && rise > 0
        let verdict: ImpactVerdict =
            bigEnough && pValue <= thresholds.pRegression && rise >= thresholds.minFailedFractionRise ? .regression
            : bigEnough && pValue <= thresholds.pSuspect && rise >= thresholds.minFailedFractionRise / 2 ? .suspect
            : .ok
        return SignalImpact(signal, sample, before: before, after: after,
                            score: RobustStatistics.normalQuantile(upperTail: pValue), pValue: pValue, verdict: verdict)
    }
}
