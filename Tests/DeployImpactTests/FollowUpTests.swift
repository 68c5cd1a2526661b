import DeployImpact
import Testing

/// The second look: an `ok` or `suspect` is judged again over the longer window once the
/// follow-up has passed, and only raised.
@Suite struct FollowUpTests {
    let deploy = DeployTime(start: Fixture.deploy)
    let windows = ImpactWindows()  // 1 h before, 15 min after, 15 min follow-up

    /// Errors per minute: 1 until the deploy, then rising by `slope` per minute (a slow ramp).
    func ramp(slope: Double) -> [SeriesPoint] {
        Fixture.points(from: Fixture.deploy - 3_600, to: Fixture.deploy + 1_800) { t in
            t > Fixture.deploy ? 1 + slope * Double(t - Fixture.deploy) / 60 : 1
        }
    }

    func assess(_ points: [SeriesPoint], at now: Int, windows: ImpactWindows? = nil) -> DeployImpactResult {
        ImpactDetector.assess(deploy, signals: [SignalSeries(metric: "app.errors", kind: .count, points: points)],
                              now: now, windows: windows ?? self.windows)
    }

    @Test func aSlowRampIsProvisionalFirstAndARegressionOnTheSecondLook() {
        let points = ramp(slope: 0.1)  // 1 -> 2.5 errors a minute over the first 15 minutes
        let first = assess(points, at: Fixture.deploy + 900)
        #expect(first.verdict < .regression, "\(first)")
        #expect(first.finalAt == Fixture.deploy + 1_800)
        let second = assess(points, at: Fixture.deploy + 1_800)
        #expect(second.verdict == .regression, "\(second)")
        #expect(second.finalAt == nil)
    }

    @Test func withoutAFollowUpTheFirstVerdictIsFinal() {
        let off = ImpactWindows(followUp: 0)
        let first = assess(ramp(slope: 0.1), at: Fixture.deploy + 900, windows: off)
        #expect(first.finalAt == nil)
        #expect(assess(ramp(slope: 0.1), at: Fixture.deploy + 1_800, windows: off).verdict == first.verdict)
    }

    @Test func aRegressionIsFinalAtOnce() {
        let result = assess(ramp(slope: 2), at: Fixture.deploy + 900)
        #expect(result.verdict == .regression)
        #expect(result.finalAt == nil)
    }

    @Test func theSecondLookNeverLowersAVerdict() {
        // A burst in the first 15 minutes, then quiet: the longer window dilutes it.
        let points = Fixture.points(from: Fixture.deploy - 3_600, to: Fixture.deploy + 1_800) { t in
            (Fixture.deploy + 120...Fixture.deploy + 600).contains(t) ? 12 : 1
        }
        let first = assess(points, at: Fixture.deploy + 900)
        #expect(first.verdict >= .suspect, "\(first)")
        #expect(assess(points, at: Fixture.deploy + 1_800).verdict >= first.verdict)
    }

    @Test func aQuietSignalStaysOKAfterTheSecondLook() {
        var random = SeededRandom(3)
        let points = Fixture.points(from: Fixture.deploy - 3_600, to: Fixture.deploy + 1_800) { _ in
            Double(Int(3 + 3 * random.next()))
        }
        #expect(assess(points, at: Fixture.deploy + 1_800).verdict == .ok)
    }
}

/// Unrelated spikes in the after-window, and noise beyond Poisson.
@Suite struct SpikeAndNoiseTests {
    let deploy = DeployTime(start: Fixture.deploy)

    func judge(_ kind: SignalKind, _ value: @escaping (Int) -> Double) -> SignalImpact {
        ImpactDetector.assess(deploy, signal: SignalSeries(metric: "app.web.latency.p95", kind: kind,
                                                           points: Fixture.points(from: Fixture.deploy - 3_600, value)),
                              now: Fixture.now)
    }

    @Test func aFewMinutesOfSlowRequestsDoNotMakeALatencyRegression() {
        // 4 minutes at 3x the latency in the after-window: the median of the window ignores it.
        var random = SeededRandom(5)
        let impact = judge(.level) { t in
            let base = 0.2 * (1 + 0.05 * random.symmetric())
            return (Fixture.deploy + 300...Fixture.deploy + 540).contains(t) ? base * 3 : base
        }
        #expect(impact.verdict == .ok, "\(impact)")
    }

    @Test func aLatencyShiftIsStillFound() {
        var random = SeededRandom(5)
        let impact = judge(.level) { t in 0.2 * (1 + 0.05 * random.symmetric()) * (t > Fixture.deploy + 60 ? 1.4 : 1) }
        #expect(impact.verdict == .regression, "\(impact)")
    }

    @Test(arguments: 1...10)
    func overdispersedCountsAreNotARegression(seed: Int) {
        // 300 events a minute +-80%: far noisier than Poisson; the dispersion scaling keeps it ok.
        var random = SeededRandom(UInt64(seed))
        #expect(judge(.count) { _ in (300 * (1 + 0.8 * random.symmetric())).rounded() }.verdict == .ok)
    }

    @Test func aRampKeepsItsTopPointsAndASingleSpikeLosesIt() {
        var random = SeededRandom(9)
        // One minute at 40x in a flat after-window: dropped as an unrelated spike.
        let spike = judge(.count) { t in t == Fixture.deploy + 420 ? 200 : 5 + Double(Int(3 * random.next())) }
        #expect(spike.verdict == .ok, "\(spike)")
        // Three minutes at 40x: a burst, kept.
        let burst = judge(.count) { t in
            (Fixture.deploy + 300...Fixture.deploy + 420).contains(t) ? 200 : 5 + Double(Int(3 * random.next()))
        }
        #expect(burst.verdict == .regression, "\(burst)")
    }
}
