import Curl
import Foundation
import Testing

/// The Graphite API with the request shapes Grafana's Graphite data source sends (datasource.ts:
/// `query` POSTs `/render` with a form built by `buildGraphiteParams`, every value through
/// encodeURIComponent; `metricFindQuery` GETs `/metrics/find?query=`; annotations GET
/// `/events/get_data?from=&until=&tags=`; `getVersion` GETs `/version`), checked against golden JSON.
@Suite struct GraphiteGrafanaTests {
    /// Targets, then from, until, format, maxDataPoints: buildGraphiteParams' order.
    static func grafanaBody(_ targets: [String], from: String, until: String, maxDataPoints: Int) -> String {
        (targets.map { "target=" + encodeURIComponent($0) }
            + ["from=" + encodeURIComponent(from), "until=" + encodeURIComponent(until), "format=json", "maxDataPoints=\(maxDataPoints)"])
            .joined(separator: "&")
    }

    /// Grafana 10+ wraps every query in `aliasSub(<target>, "(^.*$)", "\1 <refId>")` and reads the
    /// refId back from the last word of each answered name.
    static func grafanaTargets(_ targets: [String]) -> [String] {
        zip(targets, ["A", "B", "C", "D", "E", "F", "G"]).map { target, refId in "aliasSub(\(target), \"(^.*$)\", \"\\1 \(refId)\")" }
    }

    @Test func renderPostAsGrafanaSendsIt() async throws {
        let server = try await GraphiteFixture()
        let targets = Self.grafanaTargets(["aliasSub(hosts.*.load, '^hosts\\.(\\w+)\\.load$', '\\1')", "perSecond(app.requests.count)"])
        #expect(targets[1] == #"aliasSub(perSecond(app.requests.count), "(^.*$)", "\1 B")"#)
        let body = Self.grafanaBody(targets, from: String(GraphiteFixture.t0 - 3_600), until: String(GraphiteFixture.t0), maxDataPoints: 6)
        #expect(body.contains("target=aliasSub(aliasSub(hosts.*.load%2C%20'%5Ehosts%5C.(%5Cw%2B)%5C.load%24'%2C%20'%5C1')%2C%20%22(%5E.*%24)%22%2C%20%22%5C1%20A%22)"))
        let response = try await server.postForm("/render", body)
        #expect(response.status == 200, "\(server.text(response))")
        #expect(response.header("Content-Type") == "application/json")
        #expect(server.text(response) == (try golden("render-grafana.json")), "\(server.text(response))")
    }

    @Test func renderCombinesAndShifts() async throws {
        let server = try await GraphiteFixture()
        let body = Self.grafanaBody([
            "alias(sumSeries(hosts.web*.load), 'web total')", "asPercent(hosts.web1.load, hosts.web2.load)",
            "summarize(hosts.db1.load, '30min', 'max')", "movingAverage(scale(app.requests.count, 0.001), '5min')",
            "timeShift(hosts.web2.load, '1h')", "averageSeries(hosts.{web1,db1}.load)",
        ], from: String(GraphiteFixture.t0 - 3_600), until: String(GraphiteFixture.t0), maxDataPoints: 4)
        let response = try await server.postForm("/render", body)
        #expect(response.status == 200, "\(server.text(response))")
        #expect(server.text(response) == (try golden("render-combined.json")), "\(server.text(response))")
    }

    /// Grafana's relative range: `now-6h` becomes `-6h`, `now` stays. The data ends at a fixed
    /// time in the past, so only the shape is checked.
    @Test func renderWithRelativeRange() async throws {
        let server = try await GraphiteFixture()
        let response = try await server.postForm("/render", Self.grafanaBody(Self.grafanaTargets(["hosts.web1.load"]), from: "-6h", until: "now", maxDataPoints: 1234))
        #expect(response.status == 200, "\(server.text(response))")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
        #expect(list.map { $0["target"] as? String } == ["hosts.web1.load A"])
        #expect((list.first?["datapoints"] as? [[Any]])?.isEmpty == false)
    }

    /// "Save & test": Grafana renders `constantLine(100)` over the last hour.
    @Test func grafanaSaveAndTest() async throws {
        let server = try await GraphiteFixture()
        let body = Self.grafanaBody(Self.grafanaTargets(["constantLine(100)"]), from: "-1h", until: "now", maxDataPoints: 300)
        let response = try await server.postForm("/render", body)
        #expect(response.status == 200, "\(server.text(response))")
        #expect(server.text(response).contains(#""target":"100 A""#))
        #expect(server.text(response).contains("[[100,"))
    }

    /// Grafana 10+ POSTs `/metrics/find` with `query=` in a form body (not encoded) and the range in the URL.
    @Test func metricFindAsGrafanaBrowsesTheTree() async throws {
        let server = try await GraphiteFixture()
        let posted = try await server.postForm("/metrics/find?from=-6h&until=now", "query=hosts.*")
        #expect(server.text(posted) == (try golden("find-hosts.json")), "\(server.text(posted))")
        let response = try await server.get("/metrics/find?query=hosts.*&from=\(GraphiteFixture.t0 - 3_600)&until=\(GraphiteFixture.t0)")
        #expect(response.status == 200, "\(server.text(response))")
        #expect(server.text(response) == (try golden("find-hosts.json")), "\(server.text(response))")
        // graphite-web's own URLs end in a slash.
        let slashed = try await server.get("/metrics/find/?query=hosts.*")
        #expect(server.text(slashed) == (try golden("find-hosts.json")))
        let root = try await server.get("/metrics/find?query=*")
        #expect(server.text(root).contains(#""id":"app""#) && server.text(root).contains(#""id":"hosts""#))
        let leaves = try await server.get("/metrics/find?query=hosts.web1.*&format=completer")
        #expect(server.text(leaves) == #"{"metrics":[{"is_leaf":"1","name":"load","path":"hosts.web1.load"}]}"#)
        let expanded = try await server.get("/metrics/expand?query=hosts.*.load&query=app.*")
        #expect(server.text(expanded) == #"{"results":["app.requests","hosts.db1.load","hosts.web1.load","hosts.web2.load"]}"#)
        let leavesOnly = try await server.get("/metrics/expand?query=app.*&leavesOnly=1")
        #expect(server.text(leavesOnly) == #"{"results":[]}"#)
    }

    @Test func eventsAsGrafanaAnnotationsAskForThem() async throws {
        let server = try await GraphiteFixture()
        let range = "from=\(GraphiteFixture.t0 - 3_600)&until=\(GraphiteFixture.t0)"
        let tagged = try await server.get("/events/get_data?\(range)&tags=deploy%20web")
        #expect(tagged.status == 200, "\(server.text(tagged))")
        #expect(server.text(tagged) == (try golden("events-deploy-web.json")), "\(server.text(tagged))")
        let all = try await server.get("/events/get_data?\(range)")
        #expect(server.text(all) == (try golden("events-all.json")), "\(server.text(all))")
        let union = try await server.get("/events/get_data?\(range)&tags=web,service=api&set=union")
        #expect((try JSONSerialization.jsonObject(with: Data(union.body)) as? [Any])?.count == 2)
        let bad = try await server.get("/events/get_data?\(range)&tags=%24bad")
        #expect(bad.status == 400, "\(server.text(bad))")
    }

    @Test func versionAndFunctionsForGrafana() async throws {
        let server = try await GraphiteFixture()
        let version = try await server.get("/version")
        #expect(server.text(version) == "1.1.10")
        let functions = try #require(try JSONSerialization.jsonObject(with: Data(try await server.get("/functions").body)) as? [String: [String: Any]])
        #expect(functions["aliasSub"]?["group"] as? String == "Alias")
        #expect(Set(functions.keys).isSuperset(of: ["sumSeries", "movingAverage", "summarize", "timeShift", "asPercent"]))
    }

    @Test func everyGraphiteRouteNeedsTheReadToken() async throws {
        let server = try await GraphiteFixture()
        for path in ["/render?target=hosts.web1.load&format=json", "/metrics/find?query=*", "/metrics/expand?query=*",
                     "/events/get_data", "/version", "/functions"] {
            let response = try await server.get(path, token: false)
            #expect(response.status == 401, "\(path)")
        }
        #expect(try await server.postForm("/render", "target=hosts.web1.load&format=json", token: false).status == 401)
        let query = try await server.get("/render?target=hosts.web1.load&format=json&\(GraphiteFixture.lastHour)&token=\(GraphiteFixture.token)", token: false)
        #expect(query.status == 200)
    }
}
