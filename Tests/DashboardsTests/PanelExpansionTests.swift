import Dashboards
import GraphRender
import MetricStore
import Testing

@Suite struct PanelExpansionTests {
    func panel(_ patterns: [String]) throws -> Panel {
        Panel(id: "p", kind: .graph, series: try patterns.map { PanelSeries(pattern: try MetricPattern($0)) })
    }

    func names(_ texts: [String]) throws -> [MetricName] { try texts.map { try MetricName($0) }.sorted() }

    @Test func expandsInPatternOrderThenNameOrderEachMetricOnce() throws {
        let stored = try names(["host.cpu.total.user", "host.cpu.total.system", "host.cpu.0.user", "host.load.1", "app.web.up"])
        let expansion = PanelExpansion(try panel(["host.cpu.total.*", "host.cpu.*.user", "nothing.here"]), names: stored)
        #expect(expansion.metrics.map(\.rawValue) == ["host.cpu.total.system", "host.cpu.total.user", "host.cpu.0.user"])
        #expect(!expansion.truncated)
        #expect(expansion.series[2].settings.pattern.text == "host.cpu.*.user")
    }

    @Test func aPatternMatching50000MetricsIsCutAtTheSeriesLimit() throws {
        let stored = try (0..<50_000).map { try MetricName("app.shard\($0).requests") }
        let expansion = PanelExpansion(try panel(["app.*.requests"]), names: stored)
        #expect(expansion.series.count == GraphLimits.maxSeries)
        #expect(expansion.truncated)
        // The cut spec is a valid graph.
        let spec = PanelGraph.spec(try panel(["app.*.requests"]), series: expansion.series, start: 0, end: 3_600)
        #expect(throws: Never.self) { try spec.validate() }
    }

    @Test func aLegendNamesOnlyAPatternThatMatchedOneMetric() throws {
        var panel = try panel(["host.load.1", "host.cpu.*.user"])
        panel.series[0].legend = "load"
        panel.series[1].legend = "user"
        let stored = try names(["host.load.1", "host.cpu.0.user", "host.cpu.1.user"])
        let spec = PanelGraph.spec(panel, series: PanelExpansion(panel, names: stored).series, start: 0, end: 3_600)
        #expect(spec.series.map(\.legendText) == ["load", "host.cpu.0.user", "host.cpu.1.user"])
    }

    @Test func aNumberPanelIsASparklineWithoutLegendOrTitle() throws {
        var panel = try panel(["host.load.1"])
        panel.kind = .number
        panel.title = "Load"
        let spec = PanelGraph.spec(panel, series: PanelExpansion(panel, names: try names(["host.load.1"])).series, start: 0, end: 60)
        #expect(!spec.legend && spec.title == nil && spec.fullSize)
    }
}
