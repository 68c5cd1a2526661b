import Curl
import DeployImpact
import EventStore
import Foundation
import Testing
import TestSupport

/// The dashboard pages in headless Chromium (Debian's `chromium`, driven by Playwright from
/// Tests/Browser/check_pages.py) against the real daemon, its host collectors writing every second
/// and a read token set: index, interactive view, wall at 1920×1080 with rotation and a judged
/// deploy in its banner, hostile strings.
/// Screenshots go to `.build/browser-screenshots/` (or `$METRICS_SCREENSHOTS`) for a person to look at.
@Suite(.serialized) struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let token = "wall-screen-7f3a"

    @Test func pagesShowRealGraphsWithoutErrorsAndHostileStringsAsText() async throws {
        let directory = TemporaryDirectory()
        try writeDashboards(in: directory.path + "/dashboards")
        let config = directory.path + "/metrics.yaml"
        let yaml = "step: 1s\nhttp:\n  listen: 127.0.0.1:0\n  read_token_env: METRICS_TEST_READ_TOKEN\ndashboards: dashboards\n" + listenersOff
        FileManager.default.createFile(atPath: config, contents: Data(yaml.utf8))
        let daemon = try DaemonProcess(["serve", "--config", config], directory: directory.path,
                                       environment: ["METRICS_TEST_READ_TOKEN": Self.token])
        let port = try await daemon.waitForPort()
        try await waitForData(port: port)
        try recordJudgedDeploy(dataDirectory: directory.path + "/data")

        let screenshots = ProcessInfo.processInfo.environment["METRICS_SCREENSHOTS"]
            ?? Self.root.appendingPathComponent(".build/browser-screenshots").path
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let script = Self.root.appendingPathComponent("Tests/Browser/check_pages.py").path
        let result = try await runPython([script, "--base", "http://127.0.0.1:\(port)", "--dashboard", "web", "--xss", "hostile",
                                          "--rotate-to", "hostile", "--token", Self.token, "--out", screenshots,
                                          "--deploy", Self.deployLabel, "--verdict", "regression", "--verdict-change", "5xx ×3.2"])
        #expect(result.status == 0, "browser checks failed (screenshots in \(screenshots)):\n\(result.output)\ndaemon log:\n\(daemon.log.suffix(3000))")
        #expect(result.output.contains("every browser check passed"), "\(result.output)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    static let deployLabel = "web v2.4.1 <b>bold</b>"

    /// A deploy half a minute ago (inside the dashboards' three minutes) with a regression
    /// verdict, stored as the daemon's judge loop stores it.
    func recordJudgedDeploy(dataDirectory: String) throws {
        let store = try EventStore(dataDirectory: dataDirectory)
        let now = Int(Date().timeIntervalSince1970)
        let event = try store.record(NewEvent(start: now - 30, what: Self.deployLabel, tags: ["service": "web"], source: .cli))
        let worst = SignalImpact(metric: "app.web.http.5xx", kind: .rate, verdict: .regression, before: 2, after: 6.4, expected: 2,
                                 ratio: 3.2, difference: 4.4, score: 12, confidence: 0.999, references: ["day"])
        let result = DeployImpactResult(verdict: .regression, signals: [worst], judgeableAt: now)
        #expect(try store.saveImpact(eventID: event.id, verdict: result.verdict.rawValue, json: result.jsonText(), judged: now))
    }

    /// Waits (bounded) until the web dashboard's number panel has a known value at the finest
    /// archive, so the pages show data rather than "no data".
    func waitForData(port: Int) async throws {
        let client = HTTPClient()
        let url = "http://127.0.0.1:\(port)/api/v1/dashboards/web/panels/load/series?from=-3m&maxPoints=400&token=\(Self.token)"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let response = try await client.perform(HTTPRequest(url: url))
            if response.status == 200, let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
               let series = json["series"] as? [[String: Any]], let points = series.first?["points"] as? [[Any]],
               points.filter({ $0.count == 2 && $0[1] is NSNumber }).count >= 2 {
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("the load panel never had two known points")
    }

    func writeDashboards(in path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in [("web", Self.web), ("hostile", Self.hostile)] {
            FileManager.default.createFile(atPath: "\(path)/\(name).yaml", contents: Data(text.utf8))
        }
    }

    static let web = """
        title: Web test
        refresh: 2s
        from: -3m
        columns: 12
        panels:
          - {id: load, type: number, title: Load, width: 4, height: 2, series: [host.load.1],
             thresholds: [{value: 0, color: "#3FB950", label: fine}, {value: 1000, color: "#FF5252", label: overloaded}]}
          - {id: memory, type: number, title: Memory available, width: 4, height: 2, unit: B, base: 1024, series: [host.memory.available]}
          - {id: note, type: text, title: Notes, width: 4, height: 2, text: "On call: see the runbook."}
          - id: cpu
            type: graph
            title: CPU
            width: 6
            height: 4
            unit: "%"
            series:
              - {metric: host.cpu.total.user, style: area, stack: true}
              - {metric: host.cpu.total.system, style: area, stack: true}
          - {id: loads, type: graph, title: Load average, width: 6, height: 4, series: [host.load.*]}

        """

    /// Markup and a closing script tag in every string a dashboard file can carry to the page.
    static let hostile = """
        title: "Hostile <img src=x onerror=alert(1)></script>"
        refresh: 2s
        from: -3m
        columns: 12
        panels:
          - {id: text, type: text, title: "Text <img src=x onerror=alert(1)></script>", width: 6, height: 3,
             text: "Body <img src=x onerror=alert(1)></script><script>alert(2)</script>"}
          - {id: graph, type: graph, title: "Graph <img src=x onerror=alert(1)></script>", width: 6, height: 3, series: [host.load.1]}
          - {id: number, type: number, title: "Number <img src=x onerror=alert(1)></script>", unit: "<b>u</b>", width: 12, height: 2,
             series: [host.load.1], thresholds: [{value: 0, color: "#58A6FF", label: "<img src=x onerror=alert(1)>"}]}

        """
}

/// Runs `python3 ARGUMENTS` on a thread of its own and returns its exit status and combined output.
func runPython(_ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3"] + arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (process.terminationStatus, String(decoding: data, as: UTF8.self))
            })
        }
    }
}
