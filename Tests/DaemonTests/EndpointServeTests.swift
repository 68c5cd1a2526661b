import Foundation
import RRD
import Testing
import TestSupport

/// The daemon scraping a local application: an HTTP check, a JSON page and a Prometheus
/// exposition end up in RRD files with the right values.
@Suite struct EndpointServeTests {
    let directory = TemporaryDirectory()

    @Test func checkJSONAndPrometheusEndpointsProduceTheRightValues() async throws {
        let port = try await AppServer.port()
        let config = """
            step: 1s
            http:
              listen: 127.0.0.1:0
            retention:
              - name: fine
                pattern: "**"
                tiers: [1s:1h]
                heartbeat: 5s
            collectors:
              cpu: {enabled: false}
              disk: {enabled: false}
              filesystem: {enabled: false}
            endpoints:
              - name: api
                type: check
                url: http://127.0.0.1:\(port)/health
                expect_body: ok
              - name: stats
                type: json
                url: http://127.0.0.1:\(port)/stats.json
                fields:
                  - {path: requests, type: counter}
                  - {path: queue.depth, type: gauge}
                  - {path: healthy, type: gauge}
              - name: jobs
                type: prometheus
                url: http://127.0.0.1:\(port)/metrics
                label_segments: [queue]
            """
        FileManager.default.createFile(atPath: directory.file("metrics.yaml"), contents: Data((config + listenersOff).utf8))
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        _ = try await daemon.waitForPort()
        try await Task.sleep(for: .seconds(4.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)

        let data = directory.path + "/data/app"
        func last(_ metric: String) async throws -> Double? {
            try await RRDEngine.shared.lastUpdate("\(data)/\(metric).rrd").values["value"] ?? nil
        }
        func rates(_ metric: String) async throws -> [Double] {
            let path = "\(data)/\(metric).rrd"
            let lastTime = try await RRDEngine.shared.lastUpdate(path).time
            let rows = try await RRDEngine.shared.fetch(path, .average, start: lastTime - 10, end: lastTime, resolution: 1)
            return rows.values.compactMap { $0 }
        }
        #expect(try await last("api/up") == 1)
        #expect(try await last("api/status") == 200)
        #expect(try await last("stats/up") == 1)
        #expect(try await last("stats/queue/depth") == 5)
        #expect(try await last("stats/healthy") == 1)
        // 10 more requests per scrape, one scrape a second; on a busy machine a skipped tick
        // spreads 10 over two seconds, so the rate is 10 at most and 10 in the middle.
        func aboutEvery(_ rates: [Double], _ perScrape: Double) -> Bool {
            let sorted = rates.sorted()
            return !sorted.isEmpty && sorted.allSatisfy { $0 > 0 && $0 <= perScrape + 1e-9 } && abs(sorted[sorted.count / 2] - perScrape) < 1e-9
        }
        #expect(aboutEvery(try await rates("stats/requests"), 10), "10 more requests per one-second scrape")
        #expect(try await !rates("stats/requests").isEmpty)
        #expect(try await last("jobs/up") == 1)
        #expect(try await last("jobs/temperature") == 21.5)
        #expect(aboutEvery(try await rates("jobs/jobs_total/mail"), 5))
        #expect(try await !rates("jobs/jobs_total/mail").isEmpty)
        #expect(daemon.log.components(separatedBy: "broken line here").count - 1 <= 1, "the odd line is logged at most once")
    }
}
