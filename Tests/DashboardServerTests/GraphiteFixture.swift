import Curl
import DashboardServer
import Dashboards
import EventStore
import Foundation
import Hummingbird
import MetricStore
import RRD
import TestSupport

/// Metrics of known values, a few events, and the read endpoints (with the Graphite API) on a
/// free port. Data: one point every 10 s for the two hours before `t0`.
final class GraphiteFixture: Sendable {
    static let t0 = ServerFixture.t0
    static let token = "graphite-read-token"
    /// Grafana's absolute range for the last hour of data, as its translateTime sends it (epoch seconds).
    static let lastHour = "from=\(t0 - 3_600)&until=\(t0)"
    let directory = TemporaryDirectory()
    let client = HTTPClient()
    let port: Int

    /// `hosts.{web1,web2,db1}.load` are constant 1, 3 and 2; `app.requests.count` is a counter
    /// rising 10 per second; `many.m0`... are empty files (names only, for expansion bounds).
    init(manyFiles: Int = 0) async throws {
        let data = directory.path + "/data"
        for (name, value) in [("hosts.web1.load", 1.0), ("hosts.web2.load", 3.0), ("hosts.db1.load", 2.0)] {
            try await Self.write(name, data: data) { _ in value }
        }
        try await Self.write("app.requests.count", data: data) { time in Double(time - (Self.t0 - 7_200)) * 10 }
        if manyFiles > 0 {
            try FileManager.default.createDirectory(atPath: data + "/many", withIntermediateDirectories: true)
            for index in 0..<manyFiles { FileManager.default.createFile(atPath: data + "/many/m\(index).rrd", contents: nil) }
        }
        let events = EventStoreQueue(store: try EventStore(dataDirectory: data))
        _ = try await events.record(NewEvent(start: Self.t0 - 1_800, what: "deploy web v1.4.2",
                                             tags: ["kind": "deploy", "web": "true", "graphite_tags": "deploy web"],
                                             link: "https://ci.example/builds/1", source: .graphite))
        _ = try await events.record(NewEvent(start: Self.t0 - 900, what: "flag dark-mode on", tags: ["kind": "flag", "service": "api"], source: .api))
        _ = try await events.record(NewEvent(start: Self.t0 - 86_400, what: "old deploy", tags: ["kind": "deploy"], source: .api))
        try FileManager.default.createDirectory(atPath: directory.path + "/dashboards", withIntermediateDirectories: true)
        let router = Router()
        let settings = ReadSettings(dataDirectory: data, dashboards: DashboardStore(directory: directory.path + "/dashboards", checkInterval: .zero),
                                    token: Self.token, step: 10, events: events)
        ReadRoutes.register(on: router, settings: settings)
        port = try await LocalServer.start(router)
    }

    static func write(_ name: String, data: String, value: @Sendable (Int) -> Double) async throws {
        let metric = try MetricName(name)
        let file = data + "/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let start = t0 - 7_200
        try await RRDEngine.shared.create(file, layout: RetentionSchema.standard.layout(for: .gauge), start: start)
        try await RRDEngine.shared.update(file, (1...720).map { RRDPoint(time: start + $0 * 10, value: value(start + $0 * 10)) })
    }

    var authorization: HTTPHeader { HTTPHeader(name: "Authorization", value: "Bearer \(Self.token)") }

    func get(_ path: String, token: Bool = true) async throws -> Curl.HTTPResponse {
        try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)\(path)", headers: token ? [authorization] : [], totalTimeout: .seconds(60)))
    }

    /// A POST as Grafana's Graphite data source sends `/render`: a form body.
    func postForm(_ path: String, _ body: String, token: Bool = true) async throws -> Curl.HTTPResponse {
        let headers = [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")] + (token ? [authorization] : [])
        return try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)\(path)", method: .post, headers: headers,
                                                         body: Array(body.utf8), totalTimeout: .seconds(60)))
    }

    func text(_ response: Curl.HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    deinit { client.shutdown() }
}

/// JavaScript's encodeURIComponent, which Grafana applies to every form value.
func encodeURIComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-_.!~*'()")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// The golden file's bytes (Tests/DashboardServerTests/Golden/NAME).
func golden(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .newlines)
}
