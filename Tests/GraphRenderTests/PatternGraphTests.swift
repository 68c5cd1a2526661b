import Foundation
import MetricStore
import Testing
@testable import GraphRender

@Suite struct PatternGraphTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    @Test func patternsExpandToSortedStoredNamesOnce() async throws {
        for name in ["host.load.1", "host.load.5", "host.cpu.user", "app.web.requests"] { try await fixture.write(name, values: [1]) }
        // Files that are not metrics: a bad name and a non-RRD file.
        #expect(FileManager.default.createFile(atPath: fixture.path + "/host/load/bad name.rrd", contents: Data()))
        #expect(FileManager.default.createFile(atPath: fixture.path + "/host/load/15.rrd.tmp", contents: Data()))
        let spec = try PatternGraph.spec(patterns: [try MetricPattern("host.load.*"), try MetricPattern("host.**")],
                                         dataDirectory: fixture.path, start: t0, end: t0 + 300, theme: .dark)
        #expect(spec.series.map(\.metric.rawValue) == ["host.cpu.user", "host.load.1", "host.load.5"])
        #expect(spec.title == "host.load.* host.**" && spec.theme == .dark && spec.width == 800)
        let single = try PatternGraph.spec(patterns: [try MetricPattern("app.**")], dataDirectory: fixture.path, start: t0, end: t0 + 300)
        #expect(single.title == "app.web.requests")
    }

    @Test func noMatchAndMissingDirectoryAreNoMatchingMetrics() throws {
        #expect(throws: GraphError.noMatchingMetrics(["x.*"])) {
            try PatternGraph.spec(patterns: [try MetricPattern("x.*")], dataDirectory: fixture.path, start: t0, end: t0 + 300)
        }
        #expect(throws: GraphError.noMatchingMetrics(["x.*"])) {
            try PatternGraph.spec(patterns: [try MetricPattern("x.*")], dataDirectory: fixture.path + "/nowhere", start: t0, end: t0 + 300)
        }
    }
}
