import Foundation
import MetricStore
import RRD
import Testing
@testable import GraphRender

/// JSON series compared with the values written: value k at t0 + 10 k for k = 1...30, unknown
/// for k = 11...15 (standard retention: 10 s AVERAGE, 1 min AVERAGE/MIN/MAX, ...).
@Suite struct SeriesExportTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    func writeCounting(_ name: String = "app.count") async throws -> MetricName {
        try await fixture.write(name, values: (1...30).map { (11...15).contains($0) ? nil : Double($0) })
    }

    func export(_ requests: [SeriesRequest], maxPoints: Int, events: [TimelineEvent] = []) async throws -> SeriesData {
        try await SeriesExport.data(requests, start: t0, end: t0 + 300, maxPoints: maxPoints, dataDirectory: fixture.path, events: events)
    }

    @Test func fineResolutionGivesTheWrittenValuesAndNullsForTheGap() async throws {
        let metric = try await writeCounting()
        let data = try await export([SeriesRequest(metric: metric)], maxPoints: 30)
        #expect((data.start, data.end, data.step) == (t0, t0 + 300, 10))
        let series = try #require(data.series.first)
        #expect(series.points.map(\.time) == (1...30).map { t0 + 10 * $0 })
        #expect(series.points.map(\.value) == (1...30).map { (11...15).contains($0) ? nil : Double($0) })
        let known = (1...30).filter { !(11...15).contains($0) }.map(Double.init)
        #expect(series.summary == .init(last: 30, min: 1, average: known.reduce(0, +) / 25, max: 30))
    }

    @Test func fewerPointsAverageThreeRowsEachAndAMostlyUnknownPointIsNull() async throws {
        let metric = try await writeCounting()
        let data = try await export([SeriesRequest(metric: metric)], maxPoints: 10)
        #expect(data.step == 30)
        #expect(data.series[0].points.map(\.value) == [2, 5, 8, nil, nil, 17, 20, 23, 26, 29])
    }

    /// AVERAGE comes from the 10 s archive, MAX from the 1 min one: both end up on one 60 s step.
    @Test func seriesOfDifferentArchivesShareOneStep() async throws {
        let metric = try await writeCounting()
        let data = try await export([SeriesRequest(metric: metric), SeriesRequest(metric: metric, cf: .max)], maxPoints: 7)
        #expect(data.step == 60)
        #expect(data.series.map(\.cf) == [.average, .max])
        #expect(data.series[0].points.map(\.value) == [3.5, 8.5, 17, 21.5, 27.5])
        #expect(data.series[1].points.map(\.value) == [6, 10, 18, 24, 30])
        #expect(data.series[0].summary == .init(last: 27.5, min: 3.5, average: 15.6, max: 27.5))
        #expect(data.series[0].points.map(\.time) == data.series[1].points.map(\.time))
    }

    @Test(arguments: [1, 2, 3, 7, 10, 29, 31, 100, 20_000])
    func maxPointsIsRespected(maxPoints: Int) async throws {
        let metric = try await writeCounting()
        let data = try await SeriesExport.data([SeriesRequest(metric: metric)], start: t0 + 7, end: t0 + 293,
                                               maxPoints: maxPoints, dataDirectory: fixture.path)
        #expect(data.series[0].points.count <= maxPoints)
        #expect(data.series[0].points.count == (data.end - data.start) / data.step)
        #expect(data.start <= t0 + 7 && data.end >= t0 + 293 && data.step % 10 == 0)
    }

    @Test func jsonHasTheDocumentedShapeWithNullsAndNoNaN() async throws {
        let metric = try await fixture.write("app.tiny", values: [1.5, nil, 3])
        let event = TimelineEvent(start: t0 + 15, kind: .deploy, label: "v2 \"quoted\" </script>")
        let json = try await SeriesExport.json([SeriesRequest(metric: metric)], start: t0, end: t0 + 30, maxPoints: 3,
                                               dataDirectory: fixture.path, events: [event])
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("NaN") && !text.contains("nan"))
        #expect(text == #"{"end":1699920030,"events":[{"end":null,"kind":"deploy","label":"v2 \"quoted\" <\/script>","start":1699920015}],"series":[{"cf":"AVERAGE","name":"app.tiny","points":[[1699920010,1.5],[1699920020,null],[1699920030,3]],"summary":{"average":2.25,"last":3,"max":3,"min":1.5}}],"start":1699920000,"step":10}"#)
        #expect(try JSONDecoder().decode(SeriesData.self, from: Data(json)).series[0].points[1].value == nil)
    }

    @Test func aSeriesWithoutDataHasNullSummary() async throws {
        let metric = try await fixture.write("app.empty", values: Array(repeating: nil, count: 30))
        let json = try await SeriesExport.json([SeriesRequest(metric: metric)], start: t0, end: t0 + 300, maxPoints: 10, dataDirectory: fixture.path)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""summary":{"average":null,"last":null,"max":null,"min":null}"#))
        #expect(text.contains("[1699920030,null]"))
    }

    @Test func onlyEventsInTheRangeAreListedOldestFirst() async throws {
        let metric = try await writeCounting()
        let events = [TimelineEvent(start: t0 + 200, kind: .incident, label: "b"), TimelineEvent(start: t0 - 100, kind: .deploy, label: "before"),
                      TimelineEvent(start: t0 + 50, kind: .deploy, label: "a"), TimelineEvent(start: t0 - 100, end: t0 + 5, kind: .flag, label: "spans")]
        let data = try await export([SeriesRequest(metric: metric)], maxPoints: 30, events: events)
        #expect(data.events.map(\.label) == ["spans", "a", "b"])
    }

    @Test func badRequestsAreTypedErrors() async throws {
        let metric = try await writeCounting()
        await #expect(throws: GraphError.maxPointsOutOfBounds(0)) { try await export([SeriesRequest(metric: metric)], maxPoints: 0) }
        await #expect(throws: GraphError.emptyRange(start: t0, end: t0)) {
            try await SeriesExport.data([SeriesRequest(metric: metric)], start: t0, end: t0, maxPoints: 10, dataDirectory: fixture.path)
        }
        let missing = try MetricName("app.missing")
        await #expect(throws: GraphError.missingMetric(missing, path: fixture.path + "/app/missing.rrd")) {
            try await export([SeriesRequest(metric: missing)], maxPoints: 10)
        }
        await #expect(throws: GraphError.tooManySeries(51)) {
            try await export(Array(repeating: SeriesRequest(metric: metric), count: 51), maxPoints: 10)
        }
    }

    @Test func aSpecExportsItsSeries() async throws {
        let metric = try await writeCounting()
        let spec = GraphSpec(series: [GraphSeries(metric: metric, consolidation: .max)], start: t0, end: t0 + 300)
        let data = try await SeriesExport.data(for: spec, maxPoints: 7, dataDirectory: fixture.path)
        #expect(data.series[0].points.map(\.value) == [6, 10, 18, 24, 30])
    }
}
