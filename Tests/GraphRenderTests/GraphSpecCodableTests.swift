import Foundation
import MetricStore
import Testing
@testable import GraphRender

@Suite struct GraphSpecCodableTests {
    @Test func minimalJSONTakesTheDefaults() throws {
        let json = #"{"series": [{"metric": "host.load.1"}], "start": 1000, "end": 2000}"#
        let spec = try JSONDecoder().decode(GraphSpec.self, from: Data(json.utf8))
        #expect(spec == GraphSpec(series: [GraphSeries(metric: try MetricName("host.load.1"))], start: 1_000, end: 2_000))
        #expect(spec.width == 600 && spec.height == 200 && spec.theme == .light && spec.legend && spec.base == .decimal)
        #expect(spec.series[0].style == .line(width: 2) && spec.series[0].consolidation == .average)
    }

    @Test func everyFieldRoundTrips() throws {
        let spec = GraphSpec(
            series: [GraphSeries(metric: try MetricName("app.latency"), consolidation: .max, style: .line(width: 1.5), color: try GraphColor("#102030"),
                                 legend: "p99", band: true, lastWeek: true),
                     GraphSeries(metric: try MetricName("app.errors"), style: .area, stack: true)],
            start: 1_000, end: 2_000, title: "Latency", verticalLabel: "ms", unit: "s", base: .binary,
            thresholds: [GraphThreshold(value: 0.5, color: try GraphColor("#FF000080"), label: "SLO")],
            yAxis: .init(lowerLimit: 0.001, upperLimit: 10, rigid: true, logarithmic: true),
            width: 800, height: 300, fullSize: true, theme: .dark, legend: false)
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(GraphSpec.self, from: data) == spec)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""cf":"MAX""#) && text.contains(#""base":1024"#) && text.contains(#""lastWeek":true"#))
    }

    @Test(arguments: [
        #"{"series": [{"metric": "a/../../etc"}], "start": 1, "end": 2}"#,
        ##"{"series": [{"metric": "a.b", "color": "#12:DEF"}], "start": 1, "end": 2}"##,
        #"{"series": [{"metric": "a.b", "style": "dots"}], "start": 1, "end": 2}"#,
        #"{"series": [{"metric": "a.b", "cf": "MEDIAN"}], "start": 1, "end": 2}"#,
        #"{"series": [{"metric": "a.b"}], "start": 1, "end": 2, "theme": "neon"}"#,
        #"{"series": [{"metric": "a.b"}], "start": 1, "end": 2, "base": 1023}"#,
    ])
    func badValuesFailToDecode(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GraphSpec.self, from: Data(json.utf8)) }
    }

    @Test func eventsEncodeAnExplicitNullEnd() throws {
        let text = String(decoding: try JSONEncoder().encode(TimelineEvent(start: 5, kind: .deploy, label: "x")), as: UTF8.self)
        #expect(text.contains(#""end":null"#))
        let back = try JSONDecoder().decode(TimelineEvent.self, from: Data(#"{"start": 5, "kind": "incident", "label": "y", "end": 9}"#.utf8))
        #expect(back == TimelineEvent(start: 5, end: 9, kind: .incident, label: "y"))
    }
}
