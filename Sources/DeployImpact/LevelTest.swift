/// Level signals (latency): robust z-score of the after level against the baseline.
///
/// z = (median(after) - expected) / (spread / sqrt(min(n, maxEffectivePoints))), where spread
/// is 1.4826 x MAD of the baseline, at least `minSpreadFraction` of the baseline level, and
/// grown in proportion when the references expect a higher level (noise grows with traffic).
/// The median, so that a few slow minutes are not a shift.
enum LevelTest {
    static func judge(_ signal: SignalSeries, _ sample: ImpactSample, _ thresholds: ImpactThresholds) -> SignalImpact {
        let before = RobustStatistics.median(sample.baseline)
        let after = RobustStatistics.median(sample.after)
        let expected = before + sample.expectedRise
        var spread = max(RobustStatistics.robustSpread(sample.baseline), thresholds.minSpreadFraction * abs(before), 1e-12)
        if before > 0 { spread *= max(1, expected / before) }
        let points = Double(min(sample.after.count, thresholds.maxEffectivePoints))
        let z = (after - expected) / (spread / points.squareRoot())
        let pValue = RobustStatistics.normalUpperTail(z)
        let ratio = effectRatio(after: after, expected: expected)
        let minRatio = thresholds.minLevelRatio
        let bigEnough = after - expected >= (signal.minAbsoluteChange ?? thresholds.minAbsoluteChange) && after > expected
        let verdict: ImpactVerdict =
            bigEnough && z >= thresholds.zRegression && ratio >= minRatio ? .regression
            : bigEnough && z >= thresholds.zSuspect && ratio >= 1 + (minRatio - 1) / 2 ? .suspect
            : .ok
        return SignalImpact(signal, sample, before: before, after: after, score: z, pValue: pValue, verdict: verdict)
    }
}
