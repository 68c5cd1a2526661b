import Dashboards
import Foundation
import GraphRender
import MetricStore
import RRD
import Testing

@Suite struct DashboardParsingTests {
    static let full = """
        title: Web tier
        refresh: 30s
        from: -12h
        columns: 8
        panels:
          - type: number
            title: Requests now
            width: 2
            series: [app.web.requests.rate]
            thresholds:
              - {value: 100, color: "#FF0000", label: busy}
          - type: graph
            title: Requests now
            width: 8
            height: 4
            unit: /s
            base: 1024
            y_axis: {min: 0, max: 500, rigid: true}
            series:
              - {metric: "app.*.requests.rate", cf: max, style: area, stack: true, color: "#00FF00", legend: requests}
              - {metric: app.web.latency, line_width: 3, band: true, last_week: true}
          - id: notes
            type: text
            text: "<b>escaped by the page</b>"
        """

    @Test func readsEveryKeyAndDerivesUniqueIDs() throws {
        let dashboard = try DashboardLoader.parse(Self.full, name: "web", file: "web.yaml")
        #expect(dashboard.name == "web")
        #expect(dashboard.title == "Web tier")
        #expect(dashboard.refresh == 30)
        #expect(dashboard.from == "-12h")
        #expect(dashboard.columns == 8)
        #expect(dashboard.panels.map(\.id) == ["requests-now", "requests-now-2", "notes"])
        #expect(dashboard.panels.map(\.kind) == [.number, .graph, .text])
        let graph = dashboard.panels[1]
        #expect(graph.width == 8 && graph.height == 4)
        #expect(graph.unit == "/s" && graph.base == .binary)
        #expect(graph.yAxis == GraphSpec.YAxis(lowerLimit: 0, upperLimit: 500, rigid: true))
        #expect(graph.series[0].pattern.text == "app.*.requests.rate")
        #expect(graph.series[0].cf == .max && graph.series[0].style == .area && graph.series[0].stack)
        #expect(graph.series[0].color?.hex == "#00FF00" && graph.series[0].legend == "requests")
        #expect(graph.series[1].style == .line(width: 3) && graph.series[1].band && graph.series[1].lastWeek)
        #expect(dashboard.panels[0].thresholds == [GraphThreshold(value: 100, color: try GraphColor("#FF0000"), label: "busy")])
        #expect(dashboard.panels[2].text == "<b>escaped by the page</b>")
    }

    @Test func defaultsApplyWhenLeftOut() throws {
        let dashboard = try DashboardLoader.parse("panels:\n  - {type: graph, series: [host.load.1]}\n", name: "x", file: "x.yaml")
        #expect(dashboard.title == "x")
        #expect(dashboard.columns == 12)
        #expect(dashboard.refresh == nil)
        #expect(dashboard.from == "-6h")
        #expect(dashboard.panels[0].id == "panel-1")
    }

    @Test func aTypoIsAnErrorAtItsLineWithASuggestion() {
        let text = "title: T\npanels:\n  - type: graph\n    serise: [host.load.1]\n"
        #expect(throws: DashboardError.self) { try DashboardLoader.parse(text, name: "t", file: "dashboards/t.yaml") }
        do {
            _ = try DashboardLoader.parse(text, name: "t", file: "dashboards/t.yaml")
        } catch {
            let message = error.description
            #expect(message.contains("dashboards/t.yaml:4:5: panels[0].serise: unknown key; did you mean 'series'?"), "\(message)")
        }
    }

    /// Each bad file gives one clear problem at the right place.
    @Test(arguments: [
        ("panels:\n  - {type: chart, series: [a.b]}\n", "1-bad.yaml:2:12: panels[0].type: expected one of graph, number, text"),
        ("panels:\n  - {type: graph, series: [host/cpu]}\n", "panels[0].series[0]: pattern has the character '/'"),
        ("panels:\n  - {type: graph, series: [{metric: a.b, color: red}]}\n", "colour 'red' is not #RRGGBB"),
        ("panels:\n  - {type: graph, width: 13, series: [a.b]}\n", "panels[0].width: expected a whole number from 1 to 12"),
        ("panels:\n  - {id: a, type: text, text: x}\n  - {id: a, type: text, text: y}\n", "1-bad.yaml:3:10: panels[1].id: id 'a' is used by an earlier panel"),
        ("panels:\n  - {id: ../x, type: text, text: x}\n", "id '../x' must be 1 to 64 characters"),
        ("panels:\n  - {type: text}\n", "a text panel needs 'text'"),
        ("panels:\n  - {series: [a.b]}\n", "missing 'type'"),
        ("panels:\n  - {type: graph}\n", "a graph panel needs 'series'"),
        ("from: yesterday-ish\n", "1-bad.yaml:1:7: from: cannot read time"),
        ("from: -100y\n", "1-bad.yaml:1:7: from: time \"-100y\" is before 1990"),
        ("refresh: often\n", "refresh: expected a duration"),
        ("panels:\n  - {type: graph, series: [{metric: a.b, legend: \"two\\nlines\"}]}\n", "contains a control character"),
        ("panels:\n  - {type: graph, series: [{metric: a.b, stack: true, band: true}]}\n", "band and lastWeek cannot be combined with stack"),
        ("panels:\n  - {type: graph, series: [a.b], y_axis: {min: 5, max: 1}}\n", "lower limit 5.0 is not below upper limit 1.0"),
        ("panels:\n  - {type: graph, series: [{cf: AVERAGE}]}\n", "missing 'metric'"),
        ("title: [a\n", "1-bad.yaml:2:1: YAML syntax error"),
        ("", "the file is empty"),
        ("title: a\ntitle: b\n", "duplicate key"),
    ])
    func badFilesGiveClearProblems(text: String, expected: String) {
        do {
            _ = try DashboardLoader.parse(text, name: "bad", file: "1-bad.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func aFileNameThatIsNotAPlainNameIsRefused() throws {
        let directory = NSTemporaryDirectory() + "dash-name-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/my board.yaml", contents: Data("title: x\n".utf8))
        let loaded = DashboardLoader.loadDirectory(directory)
        #expect(loaded.dashboards.isEmpty)
        #expect(loaded.problems.first?.message.contains("rename it") == true)
    }

    @Test func theShippedDashboardsAreValid() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = DashboardLoader.loadDirectory(root.appendingPathComponent("dashboards").path)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.dashboards.map(\.name) == ["app", "business", "host", "hosts"])
        #expect(loaded.dashboards.first { $0.name == "host" }?.panels.count == 12, "the host dashboard is the 12-panel wall the bench measures")
        #expect(loaded.dashboards.last?.panels.contains { $0.repeat != nil } == true)
    }
}
