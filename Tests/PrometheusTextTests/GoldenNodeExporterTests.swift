import Testing
import PrometheusText

/// `Fixtures/node-exporter.prom`: Debian's prometheus-node-exporter 1.5.0 (see Fixtures/README.md).
@Suite struct GoldenNodeExporterTests {
    let exposition: Exposition
    let bytes: [UInt8]

    init() throws {
        bytes = try Fixture.bytes("node-exporter.prom")
        exposition = Exposition.parse(bytes)
    }

    @Test func parsesWithoutIssues() {
        #expect(exposition.issues == [])
        #expect(exposition.issueCount == 0)
        #expect(exposition.droppedSamples == 0)
    }

    @Test func sampleAndFamilyCounts() {
        // Every line that is not a comment is one sample.
        let lines = bytes.split(separator: 0x0A)
        let sampleLines = lines.filter { $0.first != UInt8(ascii: "#") }.count
        #expect(sampleLines == 507)
        #expect(exposition.samples.count == 507)
        #expect(exposition.types.count == 283)
        #expect(exposition.help.count == 283)
        #expect(exposition.types.values.filter { $0 == .summary }.count == 1)
        #expect(exposition.types.values.filter { $0 == .counter }.count == 60)
        #expect(exposition.types.values.filter { $0 == .untyped }.count == 47)
    }

    @Test func everySampleCarriesItsDeclaredFamilyType() {
        for sample in exposition.samples {
            #expect(exposition.types[sample.family] == sample.type, "\(sample.name)")
        }
    }

    @Test func counter() throws {
        let idle = try #require(exposition.sample("node_cpu_seconds_total", ["cpu": "0", "mode": "idle"]))
        #expect(idle.labels == [Label(name: "cpu", value: "0"), Label(name: "mode", value: "idle")])
        #expect(idle.value == 1647.07)
        #expect(idle.timestamp == nil)
        #expect(idle.family == "node_cpu_seconds_total")
        #expect(idle.type == .counter)
        #expect(exposition.help["node_cpu_seconds_total"] == "Seconds the CPUs spent in each mode.")
    }

    @Test func gaugesWithExponentValues() throws {
        let size = try #require(exposition.sample("node_filesystem_size_bytes", ["mountpoint": "/"]))
        #expect(size.value == 2.70553174016e+11)
        #expect(size.labels.map(\.name) == ["device", "fstype", "mountpoint"])
        #expect(size.type == .gauge)
        let load = try #require(exposition.sample("node_load1"))
        #expect(load.value == 1.07)
        #expect(load.labels.isEmpty)
    }

    @Test func buildInfoLabelsInOrder() throws {
        let info = try #require(exposition.sample("node_exporter_build_info"))
        #expect(info.labels == [
            Label(name: "branch", value: "debian/sid"),
            Label(name: "goarch", value: "amd64"),
            Label(name: "goos", value: "linux"),
            Label(name: "goversion", value: "go1.19.8"),
            Label(name: "revision", value: "1.5.0-1+b6"),
            Label(name: "version", value: "1.5.0"),
        ])
        #expect(info.value == 1)
        #expect(info.type == .gauge)
    }

    @Test func summaryQuantilesSumAndCount() {
        let family = exposition.samples.filter { $0.family == "go_gc_duration_seconds" }
        #expect(family.map(\.name) == Array(repeating: "go_gc_duration_seconds", count: 5)
            + ["go_gc_duration_seconds_sum", "go_gc_duration_seconds_count"])
        #expect(family.prefix(5).map { $0.label("quantile") } == ["0", "0.25", "0.5", "0.75", "1"])
        #expect(family.allSatisfy { $0.type == .summary })
        #expect(exposition.types["go_gc_duration_seconds"] == .summary)
    }

    @Test func untypedFamiliesDeclaredAsSuch() throws {
        let arp = try #require(exposition.samples.first { $0.name == "node_scrape_collector_success" })
        #expect(arp.type == .gauge)
        let untyped = try #require(exposition.samples.first { $0.type == .untyped })
        #expect(exposition.types[untyped.family] == .untyped)
    }
}
