import Curl
import Foundation
import Testing

/// A dashboard over many hosts served: one panel per host, and a sum across hosts.
@Suite struct ManyHostsTests {
    static let board = """
        title: Hosts
        panels:
          - id: load
            type: graph
            title: Load on $host
            repeat: {host: "hosts.*"}
            series: ["hosts.$host.load.1"]
          - {id: total, type: graph, title: All hosts, series: [{metric: "hosts.*.load.1", aggregate: sum, legend: total load}]}
        """

    func server() async throws -> ServerFixture {
        let server = try await ServerFixture(dashboard: Self.board)
        for (host, value) in [("web1", 1.0), ("web2", 2.0), ("db1", 4.0)] {
            try await ServerFixture.writeMetric("hosts.\(host).load.1", value: value, data: server.data)
        }
        return server
    }

    @Test func theDocumentListsOnePanelPerHostAndTheSum() async throws {
        let server = try await server()
        let board = try await server.json("/api/v1/dashboards/ops")
        let panels = try #require(board["panels"] as? [[String: Any]])
        #expect(panels.map { $0["id"] as? String } == ["load-db1", "load-web1", "load-web2", "total"])
        #expect(panels[1]["title"] as? String == "Load on web1")
        #expect(panels[1]["metrics"] as? [String] == ["hosts.web1.load.1"])
        #expect(panels[3]["metrics"] as? [String] == ["total load"])
    }

    @Test func aRepeatedPanelAndTheSumServeGraphsAndSeries() async throws {
        let server = try await server()
        let png = try await server.get("/dashboards/ops/panels/load-web2.png?\(ServerFixture.range)")
        #expect(png.status == 200 && Array(png.body.prefix(8)) == pngSignature, "\(server.text(png))")
        let total = try await server.get("/dashboards/ops/panels/total.png?\(ServerFixture.range)")
        #expect(total.status == 200 && Array(total.body.prefix(8)) == pngSignature, "\(server.text(total))")

        let series = try await server.json("/api/v1/dashboards/ops/panels/total/series?\(ServerFixture.range)")
        let list = try #require(series["series"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list[0]["name"] as? String == "total load")
        let values = (list[0]["points"] as? [[Any]] ?? []).compactMap { $0.last as? Double }
        #expect(!values.isEmpty && values.allSatisfy { $0 == 7 }, "\(values.prefix(5))")
        let web1 = try await server.json("/api/v1/dashboards/ops/panels/load-web1/series?\(ServerFixture.range)")
        #expect((web1["series"] as? [[String: Any]])?.first?["name"] as? String == "hosts.web1.load.1")
        #expect(try await server.get("/dashboards/ops/panels/load-nohost.png?\(ServerFixture.range)").status == 404)
    }
}
