import DeployImpact
import EventStore
import Foundation
import TestSupport
import Testing

/// `metrics deploys --impact` run as the built binary over real RRD files and recorded deploys.
@Suite struct DeploysImpactCommandTests {
    let fixture = ImpactFixture()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/metrics").path
    }

    func metrics(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await runChild(Self.binary, arguments + ["--data-dir", fixture.path, "--config", fixture.path + "/metrics.yaml"])
    }

    /// web regressed at deployTime, api stayed clean; a web deploy recorded now is too recent.
    func prepare() async throws {
        try """
            impact:
              windows: { before: 1h, after: 15m }
              services:
                web: { signals: [{ metric: app.web.http.5xx, kind: rate }] }
                api: { signals: [{ metric: app.api.http.5xx, kind: rate }] }
            """.write(toFile: fixture.path + "/metrics.yaml", atomically: true, encoding: .utf8)
        try await fixture.writeRate("app.web.http.5xx", jumpAt: ImpactFixture.deployTime, jumpTo: 10)
        try await fixture.writeRate("app.api.http.5xx")
        for (what, service, start) in [("web v2", "web", "\(ImpactFixture.deployTime)"), ("api v7", "api", "\(ImpactFixture.deployTime)"),
                                       ("web v3", "web", "-1m")] {
            let recorded = try await metrics(["deploy", what, "--tag", "service=\(service)", "--start", start])
            #expect(recorded.status == 0, "\(recorded.err)")
        }
    }

    @Test func tableShowsVerdictMetricChangeAndConfidence() async throws {
        try await prepare()
        let listed = try await metrics(["deploys", "--impact", "--from", "\(ImpactFixture.t0)"])
        #expect(listed.status == 0, "\(listed.err)")
        let lines = listed.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("IMPACT") == true && lines.first?.contains("CONFIDENCE") == true)
        let web = try #require(lines.first { $0.contains("web v2") })
        #expect(web.contains("regression") && web.contains("app.web.http.5xx") && web.contains("->"))
        #expect(lines.first { $0.contains("api v7") }?.contains(" ok ") == true)
        #expect(lines.first { $0.contains("web v3") }?.contains("too recent") == true)
    }

    @Test func jsonCarriesAnImpactObjectPerEvent() async throws {
        try await prepare()
        let listed = try await metrics(["deploys", "--impact", "--format", "json", "--from", "\(ImpactFixture.t0)"])
        #expect(listed.status == 0, "\(listed.err)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        func impact(_ what: String) -> [String: Any]? { events.first { $0["what"] as? String == what }?["impact"] as? [String: Any] }
        #expect(impact("web v2")?["verdict"] as? String == "regression")
        let worst = (impact("web v2")?["signals"] as? [[String: Any]])?.first
        #expect(worst?["metric"] as? String == "app.web.http.5xx")
        #expect((worst?["confidence"] as? Double ?? 0) > 0.99)
        #expect(impact("api v7")?["verdict"] as? String == "ok")
        #expect(impact("web v3")?["verdict"] as? String == "tooRecent")
        #expect(events.first { $0["what"] as? String == "web v2" }?["id"] != nil)
    }

    @Test func theDaemonsStoredVerdictIsShownAsIs() async throws {
        try await prepare()
        let store = try EventStore(dataDirectory: fixture.path)
        let web = try #require(try store.events(from: ImpactFixture.t0, until: ImpactFixture.dataEnd).first { $0.what == "web v2" })
        let stored = DeployImpactResult(verdict: .suspect, signals: [SignalImpact(metric: "app.web.http.5xx", kind: .rate, verdict: .suspect)],
                                        judgeableAt: ImpactFixture.deployTime + 900)
        try store.saveImpact(eventID: web.id, verdict: "suspect", json: stored.jsonText(), judged: ImpactFixture.dataEnd)
        let listed = try await metrics(["deploys", "--impact", "--from", "\(ImpactFixture.t0)"])
        #expect(listed.out.split(separator: "\n").first { $0.contains("web v2") }?.contains("suspect") == true, "\(listed.out)")
    }

    @Test func withoutConfiguredServicesItSaysWhatToDo() async throws {
        try "step: 10s\n".write(toFile: fixture.path + "/metrics.yaml", atomically: true, encoding: .utf8)
        let listed = try await metrics(["deploys", "--impact"])
        #expect(listed.status == 2)
        #expect(listed.err.contains("impact.services"))
    }
}
