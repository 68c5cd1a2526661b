import DeployImpact
import DeployJudge
import EventStore
import Testing

/// Verdicts read from real RRD files of known values.
@Suite struct DeployJudgeTests {
    let fixture = ImpactFixture()

    func judge() -> DeployJudge { DeployJudge(config: ImpactFixture.config, dataDirectory: fixture.path) }

    @Test func aFivefoldRiseAfterTheDeployIsARegression() async throws {
        try await fixture.writeRate("app.web.http.5xx", jumpAt: ImpactFixture.deployTime, jumpTo: 10)
        let result = try #require(await judge().assess(ImpactFixture.deploy("web v2", service: "web"), now: ImpactFixture.dataEnd))
        #expect(result.verdict == .regression)
        let worst = try #require(result.worst)
        #expect(worst.metric == "app.web.http.5xx")
        #expect((worst.ratio ?? 0) > 4)
        #expect((worst.confidence ?? 0) > 0.99)
    }

    @Test func aSteadyRateIsOK() async throws {
        try await fixture.writeRate("app.web.http.5xx")
        let result = try #require(await judge().assess(ImpactFixture.deploy("web v2", service: "web"), now: ImpactFixture.dataEnd))
        #expect(result.verdict == .ok)
    }

    @Test func aDeployWhoseWindowIsNotOverIsTooRecent() async throws {
        try await fixture.writeRate("app.web.http.5xx", jumpAt: ImpactFixture.deployTime, jumpTo: 10)
        let deploy = ImpactFixture.deploy("web v3", service: "web", at: ImpactFixture.dataEnd - 300)
        let result = try #require(await judge().assess(deploy, now: ImpactFixture.dataEnd))
        #expect(result.verdict == .tooRecent)
        #expect(result.judgeableAt == ImpactFixture.dataEnd - 300 + 900)
    }

    @Test func aMissingFileIsNoData() async throws {
        let result = try #require(await judge().assess(ImpactFixture.deploy("api v1", service: "api"), now: ImpactFixture.dataEnd))
        #expect(result.verdict == .noData)
    }

    @Test func anEventWithoutAConfiguredServiceIsNotJudged() async throws {
        #expect(await judge().assess(ImpactFixture.deploy("db v1", service: "db"), now: ImpactFixture.dataEnd) == nil)
        let untagged = Event(id: 2, start: ImpactFixture.deployTime, what: "x", source: .cli, created: 0)
        #expect(await judge().assess(untagged, now: ImpactFixture.dataEnd) == nil)
    }
}
