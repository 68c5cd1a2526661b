import Foundation
import MetricStore
import RRD
import Testing
@testable import GraphRender

/// Several metrics drawn as one series: sum, avg, max and min, in PNGs and in JSON.
@Suite struct AggregateTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    /// Three hosts: 1, 2, 3 (host c unknown at the 5th point) for 30 points at 10 s.
    func writeHosts() async throws -> [MetricName] {
        var written: [MetricName] = []
        for (index, host) in ["a", "b", "c"].enumerated() {
            let values: [Double?] = (1...30).map { point in host == "c" && point == 5 ? nil : Double(index + 1) }
            written.append(try await fixture.write("hosts.\(host).cpu.user", values: values))
        }
        return written
    }

    @Test(arguments: [(SeriesAggregate.sum, 6.0, 3.0), (.avg, 2.0, 1.5), (.max, 3.0, 2.0), (.min, 1.0, 1.0)])
    func jsonCombinesTheMembersPointByPoint(function: SeriesAggregate, full: Double, withoutC: Double) async throws {
        let members = try await writeHosts()
        var request = SeriesRequest(GraphSeries.aggregate(function, of: members, legend: "all hosts"))
        request.cf = .average
        let data = try await SeriesExport.data([request], start: t0, end: t0 + 300, maxPoints: 30, dataDirectory: fixture.path)
        let series = try #require(data.series.first)
        #expect(data.series.count == 1)
        #expect(series.name == "all hosts")
        #expect(series.points[0].value == full)
        #expect(series.points[4].value == withoutC)  // host c unknown there: left out
    }

    @Test func argumentsDefineEachMemberAndCombineThem() async throws {
        let members = try await writeHosts()
        let spec = GraphSpec(series: [.aggregate(.sum, of: members)], start: t0, end: t0 + 300)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        #expect(arguments.filter { $0.hasPrefix("DEF:s0m") }.count == 3)
        #expect(arguments.contains("CDEF:s0=s0m0,s0m1,ADDNAN,s0m2,ADDNAN"))
        let average = try GraphArguments.make(GraphSpec(series: [.aggregate(.avg, of: members)], start: t0, end: t0 + 300), dataDirectory: fixture.path)
        #expect(average.contains("CDEF:s0=s0m0,s0m1,s0m2,3,AVG"))
    }

    @Test func aSumRendersAndItsLegendSaysWhatItIs() async throws {
        let members = try await writeHosts()
        let spec = GraphSpec(series: [.aggregate(.sum, of: members)], start: t0, end: t0 + 300)
        let graph = try await GraphRenderer.render(spec, dataDirectory: fixture.path)
        #expect(pngSize(graph.png).width > 0)
        keepArtifact(graph.png, "aggregate-sum")
        #expect(spec.series[0].legendText == "sum(3 metrics)")
        #expect(SeriesAggregate.sum.legend(pattern: "hosts.*.cpu.user", members: 3) == "sum of hosts.*.cpu.user (3)")
    }

    @Test func anAggregateCannotHaveABandOrTooManyMembers() throws {
        let one = try MetricName("hosts.a.cpu.user")
        var banded = GraphSeries.aggregate(.sum, of: [one])
        banded.band = true
        #expect(throws: GraphError.self) { try GraphSpec(series: [banded], start: t0, end: t0 + 300).validate() }
        var empty = GraphSeries.aggregate(.sum, of: [one])
        empty.members = []
        #expect(throws: GraphError.self) { try GraphSpec(series: [empty], start: t0, end: t0 + 300).validate() }
        let many = GraphSeries.aggregate(.max, of: Array(repeating: one, count: SeriesAggregate.maxMembers + 1))
        #expect(throws: GraphError.self) { try GraphSpec(series: [many], start: t0, end: t0 + 300).validate() }
    }

    @Test func anAggregateSurvivesTheJSONSpec() throws {
        let members = try ["hosts.a.x", "hosts.b.x"].map { try MetricName($0) }
        let spec = GraphSpec(series: [.aggregate(.max, of: members)], start: t0, end: t0 + 300)
        let decoded = try JSONDecoder().decode(GraphSpec.self, from: JSONEncoder().encode(spec))
        #expect(decoded.series[0].aggregate == .max && decoded.series[0].members == members)
    }
}
