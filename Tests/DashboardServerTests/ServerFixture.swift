import Curl
import DashboardServer
import Dashboards
import Foundation
import Hummingbird
import MetricStore
import RRD
import TestSupport

/// A data directory with a few metrics of known values, a dashboards folder, and the read
/// endpoints served on a free port.
final class ServerFixture: Sendable {
    /// The data ends here; requests use epoch times around it.
    static let t0 = 1_764_000_000
    let directory = TemporaryDirectory()
    let client = HTTPClient()
    let port: Int
    let endpoints: ReadEndpoints

    var data: String { directory.path + "/data" }
    var dashboards: String { directory.path + "/dashboards" }

    init(token: String? = nil, dashboard: String = ServerFixture.board) async throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/dashboards", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.path + "/dashboards/ops.yaml", contents: Data(dashboard.utf8))
        for (name, value) in [("host.load.1", 1.5), ("host.load.5", 2.5), ("app.web.requests", 10.0)] {
            try await Self.writeMetric(name, value: value, data: directory.path + "/data")
        }
        let router = Router()
        let settings = ReadSettings(dataDirectory: directory.path + "/data",
                                    dashboards: DashboardStore(directory: directory.path + "/dashboards", checkInterval: .zero),
                                    token: token, step: 10)
        endpoints = ReadRoutes.register(on: router, settings: settings)
        port = try await LocalServer.start(router)
    }

    static let board = """
        title: Ops
        panels:
          - {id: load, type: graph, title: Load, series: [{metric: "host.load.*", legend: "x:DEF:y=/etc/passwd:v:AVERAGE"}]}
          - {id: one, type: graph, series: [{metric: host.load.1, legend: "x:DEF:y=/etc/passwd:v:AVERAGE"}]}
          - {id: big, type: number, title: Requests, series: [app.web.requests], thresholds: [{value: 5, color: "#FF0000"}]}
          - {id: none, type: graph, series: [not.there]}
          - {id: note, type: text, text: "<script>alert(1)</script>"}
        """

    /// One value a minute for two hours before t0.
    static func writeMetric(_ name: String, value: Double, data: String) async throws {
        let metric = try MetricName(name)
        let file = data + "/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let start = t0 - 7_200
        try await RRDEngine.shared.create(file, layout: RetentionSchema.standard.layout(for: .gauge), start: start)
        try await RRDEngine.shared.update(file, (1...720).map { RRDPoint(time: start + $0 * 10, value: value) })
    }

    static let range = "from=\(t0 - 3_600)&until=\(t0)"

    func get(_ path: String, headers: [HTTPHeader] = []) async throws -> Curl.HTTPResponse {
        try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)\(path)", headers: headers, totalTimeout: .seconds(30)))
    }

    func json(_ path: String) async throws -> [String: Any] {
        let response = try await get(path)
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }

    func text(_ response: Curl.HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    deinit { client.shutdown() }
}

let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
