import DeployImpact
import Testing

@Suite struct DetectorTests {
    let deploy = DeployTime(start: Fixture.deploy)

    func judge(_ kind: SignalKind, _ points: [SeriesPoint], now: Int = Fixture.now, thresholds: ImpactThresholds = .init(),
               minAbsoluteChange: Double? = nil) -> SignalImpact {
        ImpactDetector.assess(deploy, signal: SignalSeries(metric: "app.web.http.5xx", kind: kind, points: points,
                                                           minAbsoluteChange: minAbsoluteChange),
                              now: now, thresholds: thresholds)
    }

    @Test(arguments: [SignalKind.rate, .level])
    func clearRegressionIsDetected(kind: SignalKind) {
        let impact = judge(kind, Fixture.stepChange(before: 2, after: 10))
        #expect(impact.verdict == .regression)
        #expect((impact.ratio ?? 0) > 4 && (impact.ratio ?? 0) < 6)
        #expect((impact.difference ?? 0) > 7)
        #expect((impact.confidence ?? 0) > 0.999)
    }

    @Test(arguments: [SignalKind.rate, .level, .count])
    func cleanDeployIsOK(kind: SignalKind) {
        #expect(judge(kind, Fixture.stepChange(before: 20, after: 20)).verdict == .ok)
    }

    @Test(arguments: 1...20)
    func noisyButUnchangedIsOK(seed: Int) {
        let points = Fixture.stepChange(before: 5, after: 5, noise: 0.8, seed: UInt64(seed))
        #expect(judge(.rate, points).verdict == .ok)
        #expect(judge(.level, points).verdict == .ok)
    }

    @Test func aDropIsNotARegression() {
        #expect(judge(.rate, Fixture.stepChange(before: 10, after: 1)).verdict == .ok)
    }

    /// Every day at noon the level triples (lunch traffic); the deploy lands on it.
    @Test func dailyRiseAtDeployTimeIsDiscountedByTheDayBefore() {
        var random = SeededRandom(7)
        let daily = Fixture.points { t in (t % 86_400 > 12 * 3_600 ? 30.0 : 10.0) * (1 + 0.1 * random.symmetric()) }
        #expect(judge(.rate, daily).verdict == .ok)
        #expect(judge(.rate, daily).references == ["day", "week"])
        let todayOnly = daily.filter { $0.time > Fixture.deploy - 3_600 }
        #expect(judge(.rate, todayOnly).verdict == .regression)
        #expect(judge(.rate, todayOnly).references.isEmpty)
        // A regression on top of the daily rise is still one.
        let worse = daily.map { SeriesPoint(time: $0.time, value: $0.time > Fixture.deploy ? $0.value! * 3 : $0.value) }
        #expect(judge(.rate, worse).verdict == .regression)
    }

    @Test func anUnrelatedSpikeOnTheDayBeforeDoesNotHideARegression() {
        let spiky = Fixture.stepChange(before: 2, after: 10).map { point in
            let yesterday = point.time - (Fixture.deploy - 86_400)
            return (0..<900).contains(yesterday) ? SeriesPoint(time: point.time, value: 50) : point
        }
        #expect(judge(.rate, spiky).verdict == .regression)
    }

    @Test func aDeployWhoseAfterWindowIsNotOverIsTooRecent() {
        let result = ImpactDetector.assess(deploy, signals: [SignalSeries(metric: "a.b", kind: .rate,
                                                                          points: Fixture.stepChange(before: 1, after: 9))],
                                           now: Fixture.deploy + 600)
        #expect(result.verdict == .tooRecent)
        #expect(result.judgeableAt == Fixture.deploy + 900)
        #expect(judge(.rate, Fixture.stepChange(before: 1, after: 9), now: Fixture.deploy + 900).verdict == .regression)
    }

    @Test func aDeployWithAnEndIsJudgedFromItsEnd() {
        let long = DeployTime(start: Fixture.deploy - 1_800, end: Fixture.deploy)
        let impact = ImpactDetector.assess(long, signal: SignalSeries(metric: "a.b", kind: .rate, points: Fixture.stepChange(before: 1, after: 9)),
                                           now: Fixture.deploy + 899)
        #expect(impact.verdict == .tooRecent)
    }

    @Test func missingDataSaysNoData() {
        #expect(judge(.rate, []).verdict == .noData)
        #expect(judge(.rate, Fixture.points { _ in nil }).verdict == .noData)
        #expect(judge(.rate, Fixture.points { $0 <= Fixture.deploy ? 1 : nil }).verdict == .noData)
        #expect(judge(.count, Fixture.points { $0 > Fixture.deploy ? 1 : .nan }).verdict == .noData)
        let empty = ImpactDetector.assess(deploy, signals: [], now: Fixture.now)
        #expect(empty.verdict == .noData && empty.worst == nil)
    }

    @Test func nanAndNilPointsAreSkipped() {
        let holes = Fixture.stepChange(before: 2, after: 10).enumerated().map { index, point in
            index % 3 == 0 ? SeriesPoint(time: point.time, value: index % 2 == 0 ? .nan : nil) : point
        }
        let impact = judge(.rate, holes)
        #expect(impact.verdict == .regression)
        #expect(impact.after?.isFinite == true && impact.before?.isFinite == true)
    }

    @Test func aShortSpikeInTheAfterWindowIsIgnored() {
        let spike = Fixture.stepChange(before: 5, after: 5).map { point in
            point.time == Fixture.deploy + 300 ? SeriesPoint(time: point.time, value: 500) : point
        }
        #expect(judge(.rate, spike).verdict == .ok)
    }
}

@Suite struct ShapeTests {
    let deploy = DeployTime(start: Fixture.deploy)

    @Test func aSlowRampIsCaughtByTheLateHalfOfTheWindow() {
        // From 2 to 6 over the 15 minutes after the deploy: the whole window's mean is only ~4.
        let points = Fixture.points { t in t <= Fixture.deploy ? 2 : 2 + 4 * Double(t - Fixture.deploy) / 900 }
        let impact = ImpactDetector.assess(deploy, signal: SignalSeries(metric: "a.b", kind: .rate, points: points), now: Fixture.now)
        #expect(impact.verdict == .regression)
        #expect((impact.after ?? 0) > 4.5)  // the late half's level is reported
    }

    @Test func aSpikeInTheCountBaselineDoesNotHideARegression() {
        let points = Fixture.points(from: Fixture.deploy - 3_600) { t in
            t > Fixture.deploy ? 4 : (t == Fixture.deploy - 600 ? 400 : 1)
        }
        let impact = ImpactDetector.assess(deploy, signal: SignalSeries(metric: "a.b", kind: .count, points: points), now: Fixture.now)
        #expect(impact.verdict == .regression)
        #expect(impact.before == 1)
    }

    @Test func theDeployVerdictIsTheWorstSignalListedFirst() {
        let signals = [
            SignalSeries(metric: "calm", kind: .rate, points: Fixture.stepChange(before: 5, after: 5)),
            SignalSeries(metric: "empty", kind: .rate, points: []),
            SignalSeries(metric: "broken", kind: .level, points: Fixture.stepChange(before: 1, after: 9)),
        ]
        let result = ImpactDetector.assess(deploy, signals: signals, now: Fixture.now)
        #expect(result.verdict == .regression)
        #expect(result.signals.map(\.metric) == ["broken", "calm", "empty"])
        #expect(result.worst?.metric == "broken")
    }
}

@Suite struct ConsolidatedDataTests {
    /// The week-before windows at 5 minutes (a coarser archive), today's at 1 minute: the daily
    /// rise at noon is still discounted by both references.
    @Test func referencesFromACoarserArchiveStillCount() {
        let daily = { (t: Int) -> Double in t % 86_400 > 12 * 3_600 ? 30 : 10 }
        let weekAgo = Fixture.deploy - 7 * 86_400
        let coarse = stride(from: weekAgo - 3_600 + 300, through: weekAgo + 900, by: 300).map { SeriesPoint(time: $0, value: daily($0)) }
        let fine = Fixture.points(from: Fixture.deploy - 86_400 - 3_600) { daily($0) }
        let impact = ImpactDetector.assess(DeployTime(start: Fixture.deploy),
                                           signal: SignalSeries(metric: "a.b", kind: .rate, points: coarse + fine), now: Fixture.now)
        #expect(impact.references == ["day", "week"])
        #expect(impact.verdict == .ok)
    }
}
