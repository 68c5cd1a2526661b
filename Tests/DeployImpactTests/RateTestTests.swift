import DeployImpact
import Testing

@Suite struct RateTestTests {
    let deploy = DeployTime(start: Fixture.deploy)

    func judge(_ kind: SignalKind, before: Double, afterTotal: Double, thresholds: ImpactThresholds = .init()) -> SignalImpact {
        // `afterTotal` events spread evenly over the 15 after steps.
        let points = Fixture.points(from: Fixture.deploy - 3_600) { $0 > Fixture.deploy ? afterTotal / 15 : before }
        return ImpactDetector.assess(deploy, signal: SignalSeries(metric: "app.errors", kind: kind, points: points),
                                     now: Fixture.now, thresholds: thresholds)
    }

    @Test func threeErrorsAfterNoneIsNotSignificant() {
        #expect(judge(.count, before: 0, afterTotal: 3).verdict == .ok)
    }

    @Test func threeHundredErrorsAfterNoneIsARegression() {
        let impact = judge(.count, before: 0, afterTotal: 300)
        #expect(impact.verdict == .regression)
        #expect(impact.ratio == nil)  // from zero: no finite ratio
        #expect((impact.difference ?? 0) > 15)
    }

    @Test func aSteadyCountIsOKAndADoubledOneIsNot() {
        #expect(judge(.count, before: 4, afterTotal: 60).verdict == .ok)
        #expect(judge(.count, before: 4, afterTotal: 180).verdict == .regression)
    }

    @Test func minExtraEventsIsHonoured() {
        var strict = ImpactThresholds()
        strict.minExtraEvents = 1_000
        #expect(judge(.count, before: 0, afterTotal: 300, thresholds: strict).verdict == .ok)
    }

    @Test func failedChecksAfterTheDeployAreARegression() {
        #expect(judge(.failure, before: 0, afterTotal: 15).verdict == .regression)
        #expect(judge(.failure, before: 0, afterTotal: 0).verdict == .ok)
        #expect(judge(.failure, before: 0, afterTotal: 1).verdict == .ok)
    }
}

@Suite struct ThresholdTests {
    let points = Fixture.stepChange(before: 2, after: 4)

    func verdict(_ thresholds: ImpactThresholds = .init(), minAbsoluteChange: Double? = nil) -> ImpactVerdict {
        ImpactDetector.assess(DeployTime(start: Fixture.deploy),
                              signal: SignalSeries(metric: "a.b", kind: .level, points: points, minAbsoluteChange: minAbsoluteChange),
                              now: Fixture.now, thresholds: thresholds).verdict
    }

    @Test func zAndRatioThresholdsAreHonoured() {
        #expect(verdict() == .regression)
        var highZ = ImpactThresholds()
        highZ.zRegression = 1e6
        #expect(verdict(highZ) == .suspect)
        highZ.zSuspect = 1e6
        #expect(verdict(highZ) == .ok)
        var highRatio = ImpactThresholds()
        highRatio.minLevelRatio = 2.2  // ratio 2: over the suspect bar (1.6), under 2.2
        #expect(verdict(highRatio) == .suspect)
    }

    @Test func minAbsoluteChangeIsHonouredPerSignal() {
        #expect(verdict(minAbsoluteChange: 5) == .ok)
        var thresholds = ImpactThresholds()
        thresholds.minAbsoluteChange = 5
        #expect(verdict(thresholds) == .ok)
        #expect(verdict(thresholds, minAbsoluteChange: 1) == .regression)
    }
}

@Suite struct HostileInputTests {
    let deploy = DeployTime(start: Fixture.deploy)

    func judge(_ kind: SignalKind, _ points: [SeriesPoint]) -> SignalImpact {
        ImpactDetector.assess(deploy, signal: SignalSeries(metric: "a.b", kind: kind, points: points), now: Fixture.now)
    }

    @Test(arguments: SignalKind.allCases)
    func unsortedDuplicatedAndAbsurdPointsGiveAFiniteVerdict(kind: SignalKind) throws {
        var points = Fixture.stepChange(before: 3, after: 3).reversed() + Fixture.stepChange(before: 3, after: 3)
        points += [SeriesPoint(time: Fixture.deploy + 60, value: .infinity), SeriesPoint(time: Fixture.deploy + 120, value: -1e300),
                   SeriesPoint(time: Fixture.deploy + 180, value: 1e300), SeriesPoint(time: Int.max / 2, value: 1),
                   SeriesPoint(time: Fixture.deploy - 120, value: -5)]
        let impact = judge(kind, points)
        #expect(impact.verdict == .ok)
        for number in [impact.before, impact.after, impact.score, impact.confidence, impact.difference] {
            #expect(number?.isFinite == true)
        }
    }

    @Test func largeCountsStayCheapAndCorrect() {
        let points = { (after: Double) in Fixture.points(from: Fixture.deploy - 3_600) { $0 > Fixture.deploy ? after : 1e6 } }
        #expect(judge(.count, points(1e6)).verdict == .ok)
        #expect(judge(.count, points(1.6e6)).verdict == .regression)
    }
}
