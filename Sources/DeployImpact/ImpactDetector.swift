/// Judges deploys: did the error signals rise after the deploy, beyond noise and beyond what
/// the time of day explains? Pure and deterministic: `now` is passed in. See the README's
/// "Deploy impact" section for the method; in short:
///
/// - baseline `(start - before, start]`, after-window `(settled, settled + after]`;
/// - the after-window loses its top points that stand apart (spikes shorter than
///   `spikeTolerance` are taken as unrelated); its second half is tested too (a slow ramp
///   shows there first) and the stronger result counts;
/// - the expected after level is the baseline level plus the rise the same windows showed one
///   day and one week earlier (the smaller of the two, never below 0), when those are covered;
/// - level: robust z-score of the after median against the baseline's median and MAD; count
///   and rate (as counts per step): conditional binomial test of after vs baseline counts,
///   scaled by the baseline's dispersion; failure: binomial test of the failed steps against
///   the baseline's failed fraction;
/// - a verdict needs both significance and a minimum effect (ratio, absolute change, events);
/// - an `ok` or `suspect` is looked at again `followUp` later over the longer window, and
///   becomes a `regression` if that window shows one (a slow ramp, a quiet night).
public enum ImpactDetector {
    /// One day and one week: the references that discount the daily and weekly cycle.
    static let references: [(name: String, lag: Int)] = [("day", 86_400), ("week", 7 * 86_400)]

    public static func assess(_ deploy: DeployTime, signals: [SignalSeries], now: Int,
                              windows: ImpactWindows = .init(), thresholds: ImpactThresholds = .init()) -> DeployImpactResult {
        let secondLook = windows.followUp > 0 && now >= windows.finalAt(settled: deploy.settled)
        let results = signals.map { signal in
            let first = assess(deploy, signal: signal, now: now, windows: windows, thresholds: thresholds)
            guard secondLook, first.verdict == .suspect || first.verdict == .ok else { return first }
            // The second look can raise a verdict, never lower it: what the first look saw stays.
            let second = assess(deploy, signal: signal, now: now, windows: windows.followingUp, thresholds: thresholds)
            return second.verdict == .regression ? second : first
        }.sorted { ($0.verdict, $0.confidence ?? 0) > ($1.verdict, $1.confidence ?? 0) }
        let verdict = results.first?.verdict ?? .noData
        return DeployImpactResult(verdict: verdict, signals: results, judgeableAt: deploy.settled + windows.after,
                                  finalAt: (verdict == .ok || verdict == .suspect) && windows.followUp > 0 && !secondLook
                                      ? windows.finalAt(settled: deploy.settled) : nil)
    }

    public static func assess(_ deploy: DeployTime, signal: SignalSeries, now: Int,
                              windows: ImpactWindows = .init(), thresholds: ImpactThresholds = .init()) -> SignalImpact {
        let none = SignalImpact(metric: signal.metric, kind: signal.kind, verdict: .noData)
        guard now >= deploy.settled + windows.after else { return with(none, .tooRecent) }
        guard let series = SignalWindows(signal.points) else { return none }
        let coverage = thresholds.minCoverage
        guard let baseline = series.values(from: deploy.start - windows.before, to: deploy.start, coverage: coverage),
              let after = series.values(from: deploy.settled, to: deploy.settled + windows.after, coverage: coverage)
        else { return none }
        let counted = signal.kind.isCounted
        let center = { (values: [Double]) -> Double in
            counted ? RobustStatistics.mean(values) : RobustStatistics.median(values)
        }
        var rises: [Double] = [], used: [String] = []
        for reference in references {
            let shifted = deploy.start - reference.lag, shiftedSettled = deploy.settled - reference.lag
            guard let before = series.values(from: shifted - windows.before, to: shifted, coverage: coverage),
                  let later = series.values(from: shiftedSettled, to: shiftedSettled + windows.after, coverage: coverage)
            else { continue }
            rises.append(center(later) - center(before))
            used.append(reference.name)
        }
        // The whole after-window, and its second half (a slow ramp shows there first); the
        // stronger of the two is the verdict.
        let expectedRise = max(0, rises.min() ?? 0)
        let samples = [after, Array(after.suffix(after.count / 2))].filter { !$0.isEmpty }.map { values in
            let trim = min(values.count / 2, (thresholds.spikeTolerance + series.step - 1) / series.step)
            return ImpactSample(baseline: baseline, after: RobustStatistics.droppingIsolatedTop(values, count: trim),
                                expectedRise: expectedRise, step: series.step, references: used)
        }
        return samples.map { judge(signal, $0, thresholds) }.max { ($0.verdict, $0.score ?? 0) < ($1.verdict, $1.score ?? 0) }!
    }

    static func judge(_ signal: SignalSeries, _ sample: ImpactSample, _ thresholds: ImpactThresholds) -> SignalImpact {
        switch signal.kind {
        case .rate: RateTest.judge(signal, sample, thresholds)
        case .level: LevelTest.judge(signal, sample, thresholds)
        case .count: CountTest.judge(signal, sample, thresholds)
        case .failure: FailureTest.judge(signal, sample, thresholds)
        }
    }

    private static func with(_ impact: SignalImpact, _ verdict: ImpactVerdict) -> SignalImpact {
        var impact = impact
        impact.verdict = verdict
        return impact
    }
}

/// The windows' values once sliced and trimmed, and the rise the references explain.
struct ImpactSample {
    let baseline: [Double]
    let after: [Double]
    let expectedRise: Double
    let step: Int
    let references: [String]
}

extension SignalKind {
    /// Counted kinds are compared by their mean per step (sums), the others by medians.
    var isCounted: Bool { self == .count || self == .failure }
}

extension SignalImpact {
    /// Fills in the shared numbers; `ratio` is left nil when `expected` is 0 (JSON has no infinity).
    init(_ signal: SignalSeries, _ sample: ImpactSample, before: Double, after: Double, score: Double, pValue: Double,
         verdict: ImpactVerdict) {
        let expected = before + sample.expectedRise
        self.init(metric: signal.metric, kind: signal.kind, verdict: verdict, before: before, after: after,
                  expected: expected, ratio: expected > 0 ? after / expected : nil, difference: after - expected,
                  score: score, confidence: 1 - pValue, references: sample.references)
    }
}

/// after / expected, infinite for a rise from 0 (for threshold checks only).
func effectRatio(after: Double, expected: Double) -> Double {
    expected > 0 ? after / expected : (after > 0 ? .infinity : 1)
}
