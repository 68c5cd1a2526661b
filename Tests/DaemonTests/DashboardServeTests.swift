import Curl
import Foundation
import Testing
import TestSupport

/// The real daemon serving a dashboard file: panel PNG and JSON over HTTP, the read token from
/// the environment, and `metrics check` on dashboards.
@Suite struct DashboardServeTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()

    static let board = """
        title: Self
        panels:
          - {id: uptime, type: graph, title: Uptime, series: ["metrics.self.uptime"]}
          - {id: written, type: number, series: [metrics.self.samples_written]}
        """

    func get(_ port: Int, _ path: String, token: String? = "wall-token") async throws -> Curl.HTTPResponse {
        let headers = token.map { [HTTPHeader(name: "Authorization", value: "Bearer \($0)")] } ?? []
        return try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)\(path)", headers: headers, totalTimeout: .seconds(30)))
    }

    @Test func servesAPanelAsPNGAndJSON() async throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/boards", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: directory.path + "/boards/self.yaml", contents: Data(Self.board.utf8)))
        let config = directory.path + "/metrics.yaml"
        let text = "step: 1s\nhttp:\n  listen: 127.0.0.1:0\n  read_token_env: WALL_TOKEN\ndashboards: boards\n"
            + "retention:\n  - {name: fine, pattern: \"**\", tiers: [1s:1h, 1m:1d]}\n" + listenersOff
        #expect(FileManager.default.createFile(atPath: config, contents: Data(text.utf8)))
        let daemon = try DaemonProcess(["serve", "--config", config], directory: directory.path, environment: ["WALL_TOKEN": "wall-token"])
        let port = try await daemon.waitForPort()
        try await Task.sleep(for: .seconds(3))

        #expect(try await get(port, "/api/v1/dashboards", token: nil).status == 401)
        #expect(try await get(port, "/healthz", token: nil).status == 200, "health stays open")
        let board = try await get(port, "/api/v1/dashboards/self")
        #expect(board.status == 200, "\(daemon.log)")
        let json = try JSONSerialization.jsonObject(with: Data(board.body)) as? [String: Any]
        let panels = json?["panels"] as? [[String: Any]]
        #expect(panels?.first?["metrics"] as? [String] == ["metrics.self.uptime"])

        let png = try await get(port, "/dashboards/self/panels/uptime.png?from=-5m&theme=dark&width=500&height=200")
        #expect(png.status == 200, "\(String(decoding: png.body, as: UTF8.self))")
        #expect(Array(png.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(png.header("X-Graph-Width").flatMap(Int.init) ?? 0 > 0)

        let series = try await get(port, "/api/v1/dashboards/self/panels/uptime/series?from=-1m&token=wall-token", token: nil)
        #expect(series.status == 200)
        let data = try JSONSerialization.jsonObject(with: Data(series.body)) as? [String: Any]
        let summary = (data?["series"] as? [[String: Any]])?.first?["summary"] as? [String: Any]
        #expect((summary?["last"] as? Double ?? 0) > 0, "uptime was recorded: \(String(decoding: series.body, as: UTF8.self))")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func checkValidatesDashboards() async throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/boards", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: directory.path + "/boards/bad.yaml", contents: Data("title: T\npanels:\n  - type: graph\n    seires: [a.b]\n".utf8)))
        let config = directory.path + "/metrics.yaml"
        #expect(FileManager.default.createFile(atPath: config, contents: Data("dashboards: boards\n".utf8)))
        let result = try await runMetrics(["check", "--config", config], in: directory.path)
        #expect(result.status == 1)
        #expect(result.err.contains("boards/bad.yaml:4:5: panels[0].seires: unknown key; did you mean 'series'?"), "\(result.err)")

        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try await runMetrics(["check"], in: root.path)
        #expect(shipped.status == 0, "\(shipped.err)")
        for name in ["host: Host, 12 panels", "app: Applications", "business: Business"] { #expect(shipped.out.contains(name), "\(shipped.out)") }
    }
}
