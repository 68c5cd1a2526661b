import Dashboards
import Testing

/// `events:` on a dashboard and its panels: which events their graphs draw.
@Suite struct EventFilterParsingTests {
    @Test func dashboardDefaultPanelOverrides() throws {
        let text = """
            events: {tag: environment=prod}
            panels:
              - {id: a, type: graph, series: [a.b]}
              - {id: b, type: graph, series: [a.b], events: false}
              - {id: c, type: graph, series: [a.b], events: {tag: [service=web, kind=deploy]}}
              - {id: d, type: graph, series: [a.b], events: true}
            """
        let dashboard = try DashboardLoader.parse(text, name: "web", file: "web.yaml")
        #expect(dashboard.events == .tags(["environment=prod"]))
        #expect(dashboard.panels.map { dashboard.events(of: $0) } == [.tags(["environment=prod"]), .none, .tags(["service=web", "kind=deploy"]), .all])
        #expect(try DashboardLoader.parse("panels:\n  - {type: graph, series: [a.b]}\n", name: "x", file: "x.yaml").events == .all, "all by default")
    }

    @Test(arguments: [
        ("events: sometimes\n", "events: expected true or false"),
        ("events: [a]\n", "expected true, false or {tag: service=web}"),
        ("events: {tag: web}\n", "expected KEY=VALUE"),
        ("events: {tags: a=b}\n", "tags"),
        ("panels:\n  - {type: graph, series: [a.b], events: {tag: =x}}\n", "panels[0].events.tag: expected KEY=VALUE"),
    ])
    func badFiltersGiveClearProblems(text: String, expected: String) {
        do {
            _ = try DashboardLoader.parse(text, name: "bad", file: "bad.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
