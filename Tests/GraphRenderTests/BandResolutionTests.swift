import MetricStore
import RRD
import Testing
@testable import GraphRender

@Suite struct BandResolutionTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    func info(_ metric: MetricName) async throws -> RRDInfo {
        try await RRDEngine.shared.info(fixture.path + "/" + metric.relativePath)
    }

    /// Standard retention: MIN/MAX at 1 min for 7 days, 5 min for 30 days, 1 h for 2 years.
    @Test func finestMinArchiveThatReachesTheStart() async throws {
        let metric = try await fixture.write("app.latency", values: Array(repeating: 1, count: 100))
        let last = t0 + 1_000
        let info = try await info(metric)
        #expect(BandResolution.seconds(in: info, start: last - 3_600) == 60)
        #expect(BandResolution.seconds(in: info, start: last - 10 * 86_400) == 300)
        #expect(BandResolution.seconds(in: info, start: last - 365 * 86_400) == 3_600)
        #expect(BandResolution.seconds(in: info, start: last - 3 * 365 * 86_400) == nil)
    }

    @Test func fileWithoutMinArchivesHasNoBand() async throws {
        let schema = RetentionSchema(name: "avg", pattern: try MetricPattern("**"),
                                     tiers: [RetentionTier(resolution: 10, duration: 86_400), RetentionTier(resolution: 60, duration: 86_400)],
                                     consolidations: [.average])
        let metric = try await fixture.write("app.plain", values: [1], schema: schema)
        #expect(BandResolution.seconds(in: try await info(metric), start: t0) == nil)
    }

    /// Left to librrd, MIN and MAX at fine resolution come from the AVERAGE archive and are equal.
    @Test func renderedBandHasWidth() async throws {
        let metric = try await fixture.writeWave("app.wave", days: 1)
        let end = MetricFixture.waveEnd(days: 1)
        let spec = GraphSpec(series: [GraphSeries(metric: metric, band: true)], start: end - 6 * 3_600, end: end, legend: false)
        let flat = try GraphArguments.make(spec, dataDirectory: fixture.path)
        let flatImage = try await RRDEngine.shared.graph(flat).image
        let banded = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        #expect(banded != flatImage)
    }
}
