import Testing
import PrometheusText

/// `Fixtures/prometheus-client.prom`: Python prometheus-client 0.26.0, written by
/// `Fixtures/make-prometheus-client.py` (see Fixtures/README.md).
@Suite struct GoldenPrometheusClientTests {
    let exposition: Exposition

    init() throws {
        exposition = Exposition.parse(try Fixture.bytes("prometheus-client.prom"))
    }

    @Test func parsesWithoutIssues() {
        #expect(exposition.issues == [])
        #expect(exposition.issueCount == 0)
        #expect(exposition.samples.count == 35)
        #expect(exposition.types.count == 14)
    }

    @Test func counterWithEscapedLabelValues() {
        let requests = exposition.named("app_requests_total")
        #expect(requests.map(\.value) == [42, 7.5, 3, 1])
        #expect(requests.allSatisfy { $0.family == "app_requests_total" && $0.type == .counter })
        #expect(requests[0].labels == [Label(name: "method", value: "GET"), Label(name: "path", value: "/")])
        // The script's value 'say "hi"\\now\nbye': a quote, a backslash and a newline.
        #expect(requests[2].label("path") == "say \"hi\"\\now\nbye")
        #expect(requests[3].label("path") == "café/日本")
        #expect(exposition.help["app_requests_total"] == "Requests handled.\nSecond line with a backslash \\ in it.")
    }

    @Test func createdSeriesWithTheirOwnTypeLineStayTheirOwnFamily() {
        // The Python client declares `# TYPE app_requests_created gauge`; an exact TYPE wins.
        let created = exposition.named("app_requests_created")
        #expect(created.count == 4)
        #expect(created.allSatisfy { $0.family == "app_requests_created" && $0.type == .gauge && $0.value > 1.7e9 })
    }

    @Test func gauge() {
        #expect(exposition.sample("app_temperature_celsius", ["room": "kitchen"])?.value == 21.5)
        #expect(exposition.sample("app_temperature_celsius", ["room": "cellar"])?.value == -3.25)
        #expect(exposition.types["app_temperature_celsius"] == .gauge)
    }

    @Test func histogramBucketsInOrderEndingWithInfEqualToCount() throws {
        let family = exposition.samples.filter { $0.family == "app_request_duration_seconds" }
        #expect(family.allSatisfy { $0.type == .histogram })
        let buckets = family.filter { $0.name == "app_request_duration_seconds_bucket" }
        #expect(buckets.map { $0.label("le") } == [
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf",
        ])
        #expect(buckets.map(\.value) == [1, 1, 3, 3, 4, 4, 6, 7, 7, 8, 8, 9])
        let count = try #require(exposition.sample("app_request_duration_seconds_count"))
        #expect(buckets.last?.value == count.value)
        #expect(count.value == 9)
        #expect(exposition.sample("app_request_duration_seconds_sum")?.value == 17.613)
        #expect(family.count == 14)
    }

    @Test func summaryWithoutQuantiles() {
        // The Python client's Summary exports only _count and _sum (no quantiles).
        let family = exposition.samples.filter { $0.family == "app_payload_bytes" }
        #expect(family.map(\.name) == ["app_payload_bytes_count", "app_payload_bytes_sum"])
        #expect(family.map(\.value) == [3, 4350])
        #expect(family.allSatisfy { $0.type == .summary })
    }

    @Test func defaultCollectors() throws {
        let info = try #require(exposition.sample("python_info"))
        #expect(info.labels.map(\.name) == ["implementation", "major", "minor", "patchlevel", "version"])
        #expect(info.label("implementation") == "CPython")
        #expect(exposition.sample("process_cpu_seconds_total")?.type == .counter)
        #expect(exposition.sample("process_max_fds")?.type == .gauge)
    }
}
