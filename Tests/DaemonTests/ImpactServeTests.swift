import Curl
import Foundation
import Hummingbird
import MetricStore
import RRD
import Synchronization
import Testing
import TestSupport

/// Deploy impact in the running daemon: a deploy followed by a jump of its service's 5xx rate
/// is judged a regression once its after-window is over, the verdict shows in the events API
/// and the self-metrics, and the webhook (a real local HTTP server) receives it as JSON; a
/// clean deploy is judged ok and sent nowhere.
@Suite struct ImpactServeTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()

    final class Received: Sendable {
        let bodies = Mutex<[String]>([])
    }

    func startWebhook(_ received: Received) async throws -> Int {
        let router = Router()
        router.post("hook") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            received.bodies.withLock { $0.append(String(buffer: body)) }
            return Response(status: .ok)
        }
        return try await LocalServer.start(router)
    }

    /// A 10 s rate of about 2 from two hours ago to now; from `jumpAt` on about `jumpTo`.
    func writeRate(_ name: String, now: Int, jumpAt: Int? = nil, jumpTo: Double = 0) async throws {
        let metric = try MetricName(name)
        let file = directory.path + "/data/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let schema = RetentionSchema(name: "t", pattern: try MetricPattern("**"), tiers: [RetentionTier(resolution: 10, duration: 86_400)])
        let end = now / 10 * 10, start = end - 7_200
        try await RRDEngine.shared.create(file, layout: schema.layout(for: .gauge), start: start)
        let points = stride(from: start + 10, through: end, by: 10).enumerated().map { index, time in
            let noise = [0.1, -0.15, 0.05, 0.2, -0.1, 0, -0.05, 0.15][index % 8]
            return RRDPoint(time: time, value: (jumpAt.map { time > $0 } == true ? jumpTo : 2) + noise)
        }
        try await RRDEngine.shared.update(file, points)
    }

    @Test func aRegressionIsStoredListedCountedAndSentToTheWebhook() async throws {
        let received = Received()
        let hook = try await startWebhook(received)
        let now = Int(Date().timeIntervalSince1970), deployed = now - 600
        try await writeRate("app.web.http.5xx", now: now, jumpAt: deployed, jumpTo: 10)
        try await writeRate("app.api.http.5xx", now: now)
        try writeConfig(webhook: "http://127.0.0.1:\(hook)/hook")
        for (what, service) in [("web v2", "web"), ("api v7", "api")] { try await deploy(what, service: service, at: deployed) }
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        let port = try await daemon.waitForPort()
        try await daemon.waitFor("impact: regression after web v2 (service web): app.web.http.5xx")
        try await daemon.waitFor("impact: ok after api v7")
        try await checkListing(port: port, received: received)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        // Judged once, not again at every step.
        #expect(daemon.log.components(separatedBy: "impact: regression after web v2").count == 2)
    }

    static let webService = "    web: { signals: [{ metric: app.web.http.5xx, kind: rate }] }\n"
    static let apiService = "    api: { signals: [{ metric: app.api.http.5xx, kind: rate }] }\n"

    func writeConfig(webhook: String, services: String = webService + apiService, after: String = "1m") throws {
        let config = """
            data_dir: data
            step: 1s
            http:
              listen: 127.0.0.1:0
            retention:
              - {name: fine, pattern: "**", tiers: [1s:1h, 1m:1d]}
            impact:
              windows: { before: 1h, after: \(after) }
              webhook: \(webhook)
              services:

            """ + services + listenersOff
        FileManager.default.createFile(atPath: directory.file("metrics.yaml"), contents: Data(config.utf8))
    }

    func deploy(_ what: String, service: String, at start: Int, config: String = "metrics.yaml") async throws {
        let recorded = try await runMetrics(["deploy", what, "--tag", "service=\(service)", "--start", "\(start)",
                                             "--config", directory.file(config)], in: directory.path)
        #expect(recorded.status == 0, "\(recorded.err)")
    }

    func checkListing(port: Int, received: Received) async throws {

        let response = try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)/api/v1/events?from=-1d", totalTimeout: .seconds(30)))
        #expect(response.status == 200)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let events = try #require(listed["events"] as? [[String: Any]])
        func impact(_ what: String) -> [String: Any]? { events.first { $0["what"] as? String == what }?["impact"] as? [String: Any] }
        #expect(impact("web v2")?["verdict"] as? String == "regression")
        let signals = impact("web v2")?["signals"] as? [[String: Any]]
        #expect(signals?.first?["metric"] as? String == "app.web.http.5xx")
        #expect(impact("api v7")?["verdict"] as? String == "ok")

        // The webhook got the regression, and only it.
        for _ in 0..<100 where received.bodies.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(100)) }
        let bodies = received.bodies.withLock { $0 }
        #expect(bodies.count == 1)
        let sent = try #require(try JSONSerialization.jsonObject(with: Data((bodies.first ?? "").utf8)) as? [String: Any])
        #expect((sent["text"] as? String)?.hasPrefix("regression after web v2") == true)
        #expect((sent["event"] as? [String: Any])?["what"] as? String == "web v2")
        #expect((sent["impact"] as? [String: Any])?["verdict"] as? String == "regression")

        // Counted in the self-metrics.
        let counter = directory.path + "/data/metrics/self/deploys/regression.rrd"
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: counter) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(FileManager.default.fileExists(atPath: counter))
    }

    /// A webhook that refuses connections: each regression is tried once, the failure logged
    /// once a minute at most, and the daemon keeps judging. A restarted daemon does not judge
    /// again what it stored.
    @Test func aDeadWebhookIsLoggedAtALimitedRateAndVerdictsSurviveARestart() async throws {
        let now = Int(Date().timeIntervalSince1970), deployed = now - 600
        try await writeRate("app.web.http.5xx", now: now, jumpAt: deployed, jumpTo: 10)
        try await writeRate("app.api.http.5xx", now: now)
        try writeConfig(webhook: "http://127.0.0.1:1/hook")
        for what in ["web v2", "web v3", "web v4"] { try await deploy(what, service: "web", at: deployed) }
        let first = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        _ = try await first.waitForPort()
        for what in ["web v2", "web v3", "web v4"] { try await first.waitFor("impact: regression after \(what)") }
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(first.log.components(separatedBy: "a regression verdict was not delivered").count == 2, "\(first.log)")

        try await deploy("web v5", service: "web", at: deployed)
        let second = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        _ = try await second.waitForPort()
        try await second.waitFor("impact: regression after web v5")
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
        #expect(!second.log.contains("after web v2") && !second.log.contains("after web v4"))
    }

    /// `impact:` is re-read on SIGHUP: a service added there has its deploys judged from the
    /// next step; a file with problems is refused and the running configuration kept.
    @Test func aServiceAddedOnReloadGetsItsDeploysJudged() async throws {
        let now = Int(Date().timeIntervalSince1970), deployed = now - 600
        try await writeRate("app.web.http.5xx", now: now, jumpAt: deployed, jumpTo: 10)
        try await writeRate("app.api.http.5xx", now: now)
        try writeConfig(webhook: "http://127.0.0.1:1/hook", services: Self.apiService)
        for (what, service) in [("web v2", "web"), ("api v7", "api")] { try await deploy(what, service: service, at: deployed) }
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        _ = try await daemon.waitForPort()
        // A step has judged api's deploy; web's, of a service not configured, was left alone.
        try await daemon.waitFor("impact: ok after api v7")
        #expect(!daemon.log.contains("after web v2"))

        // A window of 1 s is refused; a step after the refusal still leaves web alone.
        try writeConfig(webhook: "http://127.0.0.1:1/hook", services: Self.webService + Self.apiService, after: "1s")
        daemon.signal(SIGHUP)
        try await daemon.waitFor("SIGHUP: keeping the running configuration")
        // (The CLI would refuse the daemon's file too: it gets one of its own.)
        FileManager.default.createFile(atPath: directory.file("cli.yaml"), contents: Data(("data_dir: data\n" + listenersOff).utf8))
        try await deploy("api v8", service: "api", at: deployed, config: "cli.yaml")
        try await daemon.waitFor("impact: ok after api v8")
        #expect(!daemon.log.contains("after web v2"))

        try writeConfig(webhook: "http://127.0.0.1:1/hook", services: Self.webService + Self.apiService)
        daemon.signal(SIGHUP)
        try await daemon.waitFor("SIGHUP: impact configuration applied (2 service(s) judged)")
        try await daemon.waitFor("impact: regression after web v2 (service web): app.web.http.5xx")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
