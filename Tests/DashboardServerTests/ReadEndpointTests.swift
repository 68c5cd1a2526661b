import Curl
import Foundation
import Testing

@Suite struct ReadEndpointTests {
    @Test func listsDashboardsAndExpandsPanels() async throws {
        let server = try await ServerFixture()
        let list = try await server.json("/api/v1/dashboards")
        #expect((list["dashboards"] as? [[String: String]]) == [["name": "ops", "title": "Ops"]])

        let board = try await server.json("/api/v1/dashboards/ops")
        #expect(board["name"] as? String == "ops")
        #expect(board["columns"] as? Int == 12)
        #expect(board["refresh"] as? Int == 60)
        #expect(board["from"] as? String == "-6h")
        let panels = try #require(board["panels"] as? [[String: Any]])
        #expect(panels.map { $0["id"] as? String } == ["load", "one", "big", "none", "note"])
        #expect(panels[0]["metrics"] as? [String] == ["host.load.1", "host.load.5"])
        #expect(panels[0]["truncated"] as? Bool == false)
        #expect(panels[2]["type"] as? String == "number")
        let thresholds = try #require(panels[2]["thresholds"] as? [[String: Any]])
        #expect(thresholds.first?["color"] as? String == "#FF0000")
        #expect(thresholds.first?["label"] is NSNull)
        #expect(panels[3]["metrics"] as? [String] == [])
        #expect(panels[4]["text"] as? String == "<script>alert(1)</script>", "text is data; the page escapes it")
        // Slashes are escaped, so the JSON can be embedded in a page without closing a script.
        #expect(server.text(try await server.get("/api/v1/dashboards/ops")).contains("<\\/script>"))
    }

    @Test func panelPNGCarriesTheDrawingAreaInHeaders() async throws {
        let server = try await ServerFixture()
        let response = try await server.get("/dashboards/ops/panels/load.png?\(ServerFixture.range)&width=700&height=300&theme=dark")
        #expect(response.status == 200, "\(server.text(response))")
        #expect(Array(response.body.prefix(8)) == pngSignature)
        #expect(response.header("Content-Type") == "image/png")
        let left = Int(response.header("X-Graph-Left") ?? "") ?? -1
        let width = Int(response.header("X-Graph-Width") ?? "") ?? -1
        #expect(left > 0 && width > 0 && left + width < 700)
        #expect(Int(response.header("X-Graph-Top") ?? "") ?? -1 > 0)
        #expect(Int(response.header("X-Graph-Height") ?? "") ?? -1 > 0)
        #expect(response.header("X-Graph-Start") == String(ServerFixture.t0 - 3_600))
        #expect(response.header("X-Graph-End") == String(ServerFixture.t0))
    }

    /// A legend that reads like more rrd_graph arguments stays one legend: the graph renders
    /// (a DEF of /etc/passwd would fail it: not an RRD file).
    @Test func aHostileLegendNeverBecomesAnArgument() async throws {
        let server = try await ServerFixture()
        let response = try await server.get("/dashboards/ops/panels/one.png?\(ServerFixture.range)")
        #expect(response.status == 200, "\(server.text(response))")
        #expect(Array(response.body.prefix(8)) == pngSignature)
    }

    @Test func panelSeriesHoldTheWrittenValues() async throws {
        let server = try await ServerFixture()
        let data = try await server.json("/api/v1/dashboards/ops/panels/load/series?\(ServerFixture.range)&maxPoints=60")
        #expect(data["step"] as? Int == 60)
        let series = try #require(data["series"] as? [[String: Any]])
        #expect(series.map { $0["name"] as? String } == ["host.load.1", "host.load.5"])
        let summary = try #require(series[1]["summary"] as? [String: Any])
        #expect(summary["average"] as? Double == 2.5)
        let empty = try await server.json("/api/v1/dashboards/ops/panels/none/series?\(ServerFixture.range)")
        #expect((empty["series"] as? [Any])?.isEmpty == true)
    }

    @Test func adHocRenderAndSeries() async throws {
        let server = try await ServerFixture()
        let png = try await server.get("/render?metric=host.load.*&metric=app.web.requests&\(ServerFixture.range)&width=500&height=200&cf=AVERAGE&title=Mixed")
        #expect(png.status == 200, "\(server.text(png))")
        #expect(Array(png.body.prefix(8)) == pngSignature)
        #expect(png.header("X-Graph-End") == String(ServerFixture.t0))
        let data = try await server.json("/api/v1/series?metric=app.web.requests&\(ServerFixture.range)&maxPoints=10")
        let series = try #require(data["series"] as? [[String: Any]])
        #expect(series.count == 1)
        // At most maxPoints, on a step that is a multiple of the archive's (5 min here): 6.
        #expect((series[0]["points"] as? [[Any]])?.count == 6)
        #expect((series[0]["summary"] as? [String: Any])?["last"] as? Double == 10)
    }

    @Test func metricSearchIsBounded() async throws {
        let server = try await ServerFixture()
        let all = try await server.json("/api/v1/metrics")
        #expect(all["metrics"] as? [String] == ["app.web.requests", "host.load.1", "host.load.5"])
        #expect(all["truncated"] as? Bool == false)
        let cut = try await server.json("/api/v1/metrics?search=host.**&limit=1")
        #expect(cut["metrics"] as? [String] == ["host.load.1"])
        #expect(cut["truncated"] as? Bool == true)
        #expect(try await server.get("/api/v1/metrics?limit=100000").status == 400)
    }

    @Test func unknownDashboardsPanelsAndTextPanelsAre404() async throws {
        let server = try await ServerFixture()
        for path in ["/api/v1/dashboards/nope", "/api/v1/dashboards/..%2Fops", "/api/v1/dashboards/ops/panels/zzz/series",
                     "/api/v1/dashboards/ops/panels/note/series"] {
            let response = try await server.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.header("Content-Type") == "application/json")
            #expect(server.text(response).hasPrefix("{\"error\":"), "\(path): \(server.text(response))")
        }
        let text = try await server.get("/dashboards/ops/panels/note.png")
        #expect(text.status == 404)
        #expect(text.header("Content-Type")?.hasPrefix("text/plain") == true)
        let none = try await server.get("/dashboards/ops/panels/none.png")
        #expect(none.status == 404)
        #expect(server.text(none).contains("'not.there'"))
    }
}
