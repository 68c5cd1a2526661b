import Dashboards
import Foundation
import GraphRender
import MetricStore
import Testing
import TestSupport

/// Dashboards over many hosts: a panel repeated per host, and aggregates across hosts.
@Suite struct RepeatAndAggregateTests {
    let directory = TemporaryDirectory()

    func load(_ text: String) throws -> Dashboard {
        let file = directory.path + "/hosts.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return try DashboardLoader.load(file: file)
    }

    func names(_ texts: [String]) throws -> [MetricName] { try texts.map { try MetricName($0) }.sorted() }

    let hostsFile = """
        title: All hosts
        panels:
          - id: cpu
            type: graph
            title: CPU on $host
            repeat: {host: "hosts.*"}
            series: ["hosts.$host.cpu.total.user", {metric: "hosts.$host.cpu.total.system", style: area}]
          - id: total
            type: graph
            title: All hosts
            series:
              - {metric: "hosts.*.cpu.total.user", aggregate: sum, legend: all users}
              - {metric: "hosts.*.load.1", aggregate: max}
        """

    @Test func aRepeatedPanelBecomesOnePanelPerHost() throws {
        let dashboard = try load(hostsFile)
        let stored = try names(["hosts.web1.cpu.total.user", "hosts.web1.cpu.total.system", "hosts.db-1.cpu.total.user",
                                "hosts.web2.load.1", "host.cpu.total.user"])
        let expanded = dashboard.expandingRepeats(names: stored)
        #expect(expanded.panels.map(\.id) == ["cpu-db-1", "cpu-web1", "cpu-web2", "total"])
        #expect(expanded.panels[1].title == "CPU on web1")
        #expect(expanded.panels[1].series.map(\.pattern.text) == ["hosts.web1.cpu.total.user", "hosts.web1.cpu.total.system"])
        #expect(expanded.panels[1].series[1].style == .area)
        #expect(expanded.panel(id: "cpu-web1")?.repeat == nil)
        // Before any host reports, the panel stays as written, matching every host.
        let empty = dashboard.expandingRepeats(names: [])
        #expect(empty.panels.map(\.id) == ["cpu", "total"])
        #expect(empty.panels[0].series[0].pattern.text == "hosts.*.cpu.total.user")
    }

    @Test func anAggregateIsOneSeriesOfEveryMatch() throws {
        let dashboard = try load(hostsFile)
        let stored = try names(["hosts.a.cpu.total.user", "hosts.b.cpu.total.user", "hosts.c.cpu.total.user", "hosts.a.load.1"])
        let panel = try #require(dashboard.panel(id: "total"))
        let expansion = PanelExpansion(panel, names: stored)
        #expect(expansion.series.count == 2)
        #expect(expansion.series[0].members.count == 3)
        let spec = PanelGraph.spec(panel, series: expansion.series, start: 0, end: 3_600)
        #expect(spec.series[0].aggregate == .sum && spec.series[0].legendText == "all users")
        #expect(spec.series[1].legendText == "max of hosts.*.load.1 (1)")
        #expect(throws: Never.self) { try spec.validate() }
    }

    @Test func copiesAreCappedAndIdsStayValid() throws {
        let dashboard = try load(hostsFile)
        let stored = try names((0..<80).map { "hosts.Host_\($0).cpu.total.user" })
        let expanded = dashboard.expandingRepeats(names: stored)
        #expect(expanded.panels.count == PanelRepeat.maxCopies + 1)
        #expect(expanded.panels.allSatisfy { $0.id.utf8.count <= DashboardLimits.idLength })
        #expect(Set(expanded.panels.map(\.id)).count == expanded.panels.count)
    }

    @Test(arguments: [
        ("repeat: {host: \"hosts.**\"}", "last segment is '*'"),
        ("repeat: {Host: \"hosts.*\"}", "lower-case"),
        ("repeat: hosts.*", "one variable"),
        ("repeat: {node: \"hosts.*\"}", "$host but the panel repeats over $node"),
    ])
    func badRepeatsSayWhatToWrite(line: String, says: String) throws {
        let text = hostsFile.replacingOccurrences(of: "repeat: {host: \"hosts.*\"}", with: line)
        let error = #expect(throws: DashboardError.self) { try load(text) }
        #expect(error?.description.contains(says) == true, "\(String(describing: error))")
    }

    @Test func aVariableWithoutRepeatIsAProblem() throws {
        let text = hostsFile.replacingOccurrences(of: "    repeat: {host: \"hosts.*\"}\n", with: "")
        let error = #expect(throws: DashboardError.self) { try load(text) }
        #expect(error?.description.contains("no 'repeat'") == true, "\(String(describing: error))")
    }

    @Test func anUnknownAggregateIsAProblem() throws {
        let text = hostsFile.replacingOccurrences(of: "aggregate: max", with: "aggregate: median")
        let error = #expect(throws: DashboardError.self) { try load(text) }
        #expect(error?.description.contains("sum, avg, max, min") == true, "\(String(describing: error))")
    }
}
