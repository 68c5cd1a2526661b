@testable import Collectors
import CollectorCore
import Curl
import Foundation
import MetricStore
import Testing
import TestSupport

/// Endpoint collectors against the real local server, one misbehaviour per test.
@Suite struct EndpointCollectorTests {
    static let client = HTTPClient()

    func run(_ kind: Endpoint.Kind, _ path: String, logs: CapturedLogs = CapturedLogs(), _ configure: (inout Endpoint) -> Void = { _ in }) async throws -> [String: Double] {
        var endpoint = Endpoint(name: "web", kind: kind, url: try await MisbehavingServer.url(path))
        endpoint.timeoutMilliseconds = 1_000
        configure(&endpoint)
        let collector = try EndpointCollector(endpoint: endpoint, client: Self.client, logger: logs.logger)
        return Dictionary(try await collector.collect(at: 1_700_000_000).map { ($0.name.rawValue, $0.value) }) { first, _ in first }
    }

    // MARK: HTTP check

    @Test func healthyCheckRecordsUpStatusTimingsAndSize() async throws {
        let values = try await run(.check, "/health") { $0.check.bodyContains = "all good" }
        #expect(values["app.web.up"] == 1)
        #expect(values["app.web.status"] == 200)
        #expect(values["app.web.size"] == 12)
        let total = try #require(values["app.web.total_time"])
        #expect(total > 0 && total < 1)
        #expect(values["app.web.first_byte_time"]! <= total)
        #expect(values["app.web.connect_time"] != nil && values["app.web.dns_time"] != nil)
    }

    @Test func expectationsDecideUp() async throws {
        #expect(try await run(.check, "/health") { $0.check.bodyContains = "missing words" }["app.web.up"] == 0)
        #expect(try await run(.check, "/health") { $0.check.bodyRegex = "^ok: [a-z ]+$" }["app.web.up"] == 1)
        #expect(try await run(.check, "/health") { $0.check.expectStatus = [204] }["app.web.up"] == 0)
        let failing = try await run(.check, "/fail")
        #expect(failing["app.web.up"] == 0)
        #expect(failing["app.web.status"] == 500)
    }

    @Test func silentServerTimesOutWithUpZeroAndOneLogLine() async throws {
        let logs = CapturedLogs()
        var endpoint = Endpoint(name: "silent", kind: .check, url: try await MisbehavingServer.url("/silent"))
        endpoint.timeoutMilliseconds = 300
        let collector = try EndpointCollector(endpoint: endpoint, client: Self.client, logger: logs.logger)
        let started = ContinuousClock.now
        for tick in 0..<3 {
            let values = Dictionary(try await collector.collect(at: tick).map { ($0.name.rawValue, $0.value) }) { a, _ in a }
            #expect(values["app.silent.up"] == 0)
            #expect(values["app.silent.status"] == nil)
        }
        #expect(ContinuousClock.now - started < .seconds(15), "each scrape ends at its timeout, not in 30 s")
        #expect(logs.count(containing: "endpoint silent") == 1, "rate-limited: \(logs.messages)")
        #expect(logs.messages.first?.contains("timed out") == true)
    }

    @Test func byteByByteTrickleEndsAtTheTimeout() async throws {
        let values = try await run(.check, "/trickle") { $0.timeoutMilliseconds = 500 }
        #expect(values["app.web.up"] == 0)
    }

    @Test func hugeBodyStopsAtTheCap() async throws {
        let logs = CapturedLogs()
        let values = try await run(.check, "/huge", logs: logs) { $0.maxBodyBytes = 1 << 20; $0.timeoutMilliseconds = 5_000 }
        #expect(values["app.web.up"] == 0)
        #expect(logs.messages.contains { $0.contains("1048576") || $0.lowercased().contains("cap") || $0.contains("larger") }, "\(logs.messages)")
    }

    @Test func redirectsForeverOrToFileAreRefused() async throws {
        #expect(try await run(.check, "/loop")["app.web.up"] == 0)
        let logs = CapturedLogs()
        #expect(try await run(.check, "/to-file", logs: logs)["app.web.up"] == 0)
        #expect(!logs.messages.isEmpty)
    }

    @Test func refusedPortIsUpZero() async throws {
        var endpoint = Endpoint(name: "gone", kind: .check, url: "http://127.0.0.1:9/")
        endpoint.timeoutMilliseconds = 1_000
        let logs = CapturedLogs()
        let samples = try await EndpointCollector(endpoint: endpoint, client: Self.client, logger: logs.logger).collect(at: 1)
        #expect(samples.first { $0.name.rawValue == "app.gone.up" }?.value == 0)
        #expect(logs.messages.first?.contains("refused") == true)
    }

    @Test func bearerTokenComesFromTheEnvironmentOrAFile() async throws {
        let directory = TemporaryDirectory()
        FileManager.default.createFile(atPath: directory.file("token"), contents: Data("s3cret\n".utf8))
        #expect(try await run(.check, "/secret") { $0.auth = .bearer(.file(directory.file("token"))) }["app.web.up"] == 1)
        #expect(try await run(.check, "/secret")["app.web.up"] == 0)
        setenv("METRICS_TEST_TOKEN", "s3cret", 1)
        #expect(try await run(.check, "/secret") { $0.auth = .bearer(.environment("METRICS_TEST_TOKEN")) }["app.web.up"] == 1)
    }

    // MARK: JSON

    func fields(_ specs: [(String, String?, Bool)]) throws -> [JSONField] {
        try specs.map { JSONField(path: try JSONPath($0.0), name: $0.1, counter: $0.2) }
    }

    @Test func jsonFieldsWildcardsAndBooleans() async throws {
        let values = try await run(.json, "/json") {
            $0.json.fields = try! fields([("stats.requests", "requests", true), ("stats.ratio", nil, false), ("stats.ok", nil, false),
                                          ("stats.down", nil, false), ("queues.*.depth", "queue.*.depth", false), ("items[*].size", nil, false),
                                          ("items[1].size", "second", false)])
        }
        #expect(values["app.web.up"] == 1)
        #expect(values["app.web.requests"] == 1_234)
        #expect(values["app.web.stats.ratio"] == 0.25)
        #expect(values["app.web.stats.ok"] == 1)
        #expect(values["app.web.stats.down"] == 0)
        #expect(values["app.web.queue.mail.depth"] == 3)
        #expect(values["app.web.queue.jobs.depth"] == 7)
        #expect(values["app.web.items.0.size"] == 10)
        #expect(values["app.web.items.1.size"] == 20)
        #expect(values["app.web.second"] == 20)
        #expect(values["app.web.scrape_time"] != nil)
    }

    @Test func numericStringsOnlyWhenAsked() async throws {
        let logs = CapturedLogs()
        let strict = try await run(.json, "/json", logs: logs) { $0.json.fields = try! fields([("stats.version", nil, false)]) }
        #expect(strict["app.web.stats.version"] == nil)
        #expect(logs.count(containing: "numeric_strings") == 1)
        let lenient = try await run(.json, "/json") {
            $0.json.fields = try! fields([("stats.version", nil, false), ("name", nil, false)])
            $0.json.numericStrings = true
        }
        #expect(lenient["app.web.stats.version"] == 42)
        #expect(lenient["app.web.name"] == nil, "'web' is not a number")
    }

    @Test(arguments: ["/html", "/json-truncated", "/json-deep", "/fail"])
    func notJSONIsUpZeroWithAReason(_ path: String) async throws {
        let logs = CapturedLogs()
        let values = try await run(.json, path, logs: logs) { $0.json.fields = try! fields([("stats.requests", nil, true)]) }
        #expect(values["app.web.up"] == 0)
        #expect(values.keys.filter { !$0.hasSuffix(".up") && !$0.hasSuffix(".scrape_time") }.isEmpty)
        #expect(logs.messages.count == 1)
        if path == "/html" { #expect(logs.messages[0].contains("not JSON (starts with '<!DOCTYPE")) }
    }

    @Test func strictDecimalRefusesWhatDoubleAccepts() {
        for text in ["nan", "inf", "-inf", "0x1p3", "1,5", "", "+", "1e", " ", "1.2.3"] { #expect(StrictDecimal.parse(text) == nil, "\(text)") }
        #expect(StrictDecimal.parse("42") == 42)
        #expect(StrictDecimal.parse("-1.5e3") == -1_500)
        #expect(StrictDecimal.parse(".5") == 0.5)
    }

    @Test(arguments: [("a.b.c", 3), ("items[0].size", 3), ("queues.*.depth", 3), ("items[*]", 2), ("*", 1)])
    func parsesPaths(_ text: String, _ steps: Int) throws {
        #expect(try JSONPath(text).steps.count == steps)
    }

    @Test(arguments: ["", "a..b", "a[", "a[x]", ".a", "a.", "a[-1]"])
    func refusesBadPaths(_ text: String) {
        #expect(throws: JSONPathError.self) { try JSONPath(text) }
    }
}

/// Prometheus endpoints against the local server: mapping, filters, odd lines, duplicates, caps.
@Suite struct PrometheusEndpointTests {
    func run(_ path: String, logs: CapturedLogs = CapturedLogs(), _ configure: (inout Endpoint) -> Void = { _ in }) async throws -> [String: (Double, MetricKind)] {
        var endpoint = Endpoint(name: "web", kind: .prometheus, url: try await MisbehavingServer.url(path))
        configure(&endpoint)
        let collector = try EndpointCollector(endpoint: endpoint, client: EndpointCollectorTests.client, logger: logs.logger)
        return Dictionary(try await collector.collect(at: 1).map { ($0.name.rawValue, ($0.value, $0.kind)) }) { first, _ in first }
    }

    @Test func mapsNamesLabelsHistogramsAndKinds() async throws {
        let logs = CapturedLogs()
        let values = try await run("/metrics", logs: logs) { $0.prometheus.labelSegments = ["method", "code"] }
        #expect(values["app.web.up"]?.0 == 1)
        #expect(values["app.web.http_requests_total.get.200"]?.0 == 1_027)
        #expect(values["app.web.http_requests_total.get.500"]?.1 == .counter)
        #expect(values["app.web.http_requests_total.post.200"]?.0 == 12)
        #expect(values["app.web.queue_depth"]?.0 == 4.5)
        #expect(values["app.web.queue_depth"]?.1 == .gauge)
        #expect(values["app.web.latency_seconds_bucket.le_0_1"]?.0 == 5)
        #expect(values["app.web.latency_seconds_bucket.le_inf"]?.0 == 9)
        #expect(values["app.web.latency_seconds_sum"]?.0 == 1.75)
        #expect(values["app.web.latency_seconds_sum"]?.1 == .counter)
        #expect(values["app.web.latency_seconds_count"]?.0 == 9)
        #expect(logs.messages.count == 2, "one line per malformed line: \(logs.messages)")
        _ = try await run("/metrics", logs: logs) { $0.prometheus.labelSegments = ["method", "code"] }
    }

    @Test func labelsLeftOutOfTheNameAreSummed() async throws {
        let values = try await run("/metrics")
        #expect(values["app.web.http_requests_total"]?.0 == 1_042)
    }

    @Test func includeExcludeAndMatchLabelsFilter() async throws {
        let values = try await run("/metrics") {
            $0.prometheus.include = ["http_*", "latency_*"]
            $0.prometheus.exclude = ["*_bucket"]
            $0.prometheus.matchLabels = ["method": "get"]
            $0.prometheus.labelSegments = ["code"]
        }
        #expect(Set(values.keys) == ["app.web.up", "app.web.scrape_time", "app.web.http_requests_total.200", "app.web.http_requests_total.500"])
    }

    @Test func duplicateSeriesKeepTheFirstAndAreSaidOnce() async throws {
        let logs = CapturedLogs()
        let values = try await run("/metrics-duplicates", logs: logs)
        #expect(values["app.web.a_total"]?.0 == 1)
        #expect(values["app.web.b"]?.0 == 3)
        #expect(logs.messages.contains { $0.lowercased().contains("duplicate") })
    }

    @Test func hundredThousandSeriesAreCappedPerEndpoint() async throws {
        let logs = CapturedLogs()
        let values = try await run("/metrics-many", logs: logs) { $0.prometheus.maxSeries = 1_000; $0.maxBodyBytes = 16 << 20 }
        #expect(values["app.web.up"]?.0 == 1)
        #expect(values.count == 1_000 + 2)
        #expect(logs.count(containing: "max_series (1000)") == 1)
    }

    @Test(arguments: ["/html", "/fail", "/json"])
    func notAnExpositionIsUpZeroOrEmpty(_ path: String) async throws {
        let values = try await run(path)
        #expect(values["app.web.up"]?.0 == 0 || values.count == 2)
    }

    @Test(arguments: [
        ("+Inf", "inf"), ("0.5", "0_5"), ("-Inf", "minus_inf"), ("GET /x", "GET__x"),
    ])
    func labelValuesBecomeSegments(_ value: String, _ segment: String) {
        #expect(PrometheusMapping.segment(value) == segment)
    }
}
