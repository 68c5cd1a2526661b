import Dashboards
import GraphRender
import MetricStore
import Foundation
import Testing
import TestSupport

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

    /// A legend that reads like more rrd_graph elements stays inside one element, colons escaped.
    @Test func aHostileLegendStaysOneEscapedArgument() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/host/load", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.path + "/host/load/1.rrd", contents: nil)
        var panel = try panel(["host.load.1"])
        panel.series[0].legend = "x:DEF:y=/etc/passwd:v:AVERAGE"
        let spec = PanelGraph.spec(panel, series: PanelExpansion(panel, names: try names(["host.load.1"])).series, start: 0, end: 3_600)
        let arguments = try GraphArguments.make(spec, dataDirectory: directory.path)
        #expect(!arguments.contains { $0.hasPrefix("DEF:y=") })
        #expect(arguments.filter { $0.hasPrefix("DEF:") }.count == 1)
        #expect(arguments.contains { $0.hasSuffix("x\\:DEF\\:y=/etc/passwd\\:v\\:AVERAGE") })
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
        #expect(!spec.legend && spec.title == nil && spec.fullSize && spec.sparkline)
    }
}
