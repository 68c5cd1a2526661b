/// Rate signals (events per second): judged as the counts per step they were made from
/// (rate x step), by the count test, and reported back in events per second.
enum RateTest {
    static func judge(_ signal: SignalSeries, _ sample: ImpactSample, _ thresholds: ImpactThresholds) -> SignalImpact {
        let step = Double(sample.step)
        let counts = ImpactSample(baseline: sample.baseline.map { $0 * step }, after: sample.after.map { $0 * step },
                                  expectedRise: sample.expectedRise * step, step: sample.step, references: sample.references)
        var scaled = signal
        scaled.minAbsoluteChange = signal.minAbsoluteChange.map { $0 * step }
        var impact = CountTest.judge(scaled, counts, thresholds)
        impact.before = impact.before.map { $0 / step }
        impact.after = impact.after.map { $0 / step }
        impact.expected = impact.expected.map { $0 / step }
        impact.difference = impact.difference.map { $0 / step }
        return impact
    }
}
