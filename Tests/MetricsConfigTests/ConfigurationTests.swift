import Foundation
import MetricStore
import Testing
@testable import MetricsConfig

@Suite struct ConfigurationTests {
    @Test func embeddedDefaultIsTheShippedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("etc/metrics.yaml"), encoding: .utf8)
        #expect(shipped == DefaultConfiguration.yaml, "etc/metrics.yaml and DefaultConfiguration.swift differ; run etc/embed-default-config")
    }

    @Test func embeddedDefaultMatchesTheBuiltInValues() throws {
        var parsed = try ConfigurationLoader.load(file: nil)
        #expect(parsed.source == "(embedded default)")
        parsed.source = DaemonConfiguration().source
        // Relative paths (dashboards) are taken from the working directory for the default.
        #expect(parsed.baseDirectory == FileManager.default.currentDirectoryPath)
        parsed.baseDirectory = nil
        #expect(parsed == DaemonConfiguration())
        #expect(parsed.http.isLoopback)
    }

    @Test func emptyFileMeansDefaults() throws {
        var parsed = try ConfigurationLoader.parse("", source: "empty.yaml")
        parsed.source = DaemonConfiguration().source
        #expect(parsed == DaemonConfiguration())
    }

    @Test func readsEverySection() throws {
        let config = try ConfigurationLoader.parse("""
            data_dir: /var/lib/metrics
            step: 5s
            http:
              listen: "[::1]:9090"
            storage:
              max_metrics: 500
              min_free_disk: 1GiB
              max_future_skew: 2m
            retention:
              - name: business
                pattern: "biz.**"
                tiers: [1m:30d, 1h:5y]
                consolidations: [AVERAGE, MAX]
              - name: rest
                pattern: "**"
                tiers: [5s:1d]
            log:
              level: warning
            collectors:
              self:
                enabled: false
            """, source: "test.yaml")
        #expect(config.dataDirectory == "/var/lib/metrics")
        #expect(config.step == 5)
        #expect(config.http == HTTPSettings(host: "::1", port: 9090))
        #expect(config.storage.maxMetrics == 500)
        #expect(config.storage.minFreeBytes == 1 << 30)
        #expect(config.storage.maxFutureSkew == 120)
        #expect(config.retention.schemas.map(\.name) == ["business", "rest"])
        #expect(config.retention.schema(for: try MetricName("biz.signups")).tiers.last?.duration == 5 * 31_536_000)
        #expect(config.retention.schemas[0].consolidations == [.average, .max])
        #expect(config.logLevel == .warning)
        #expect(!config.collectors.selfEnabled)
    }

    /// Each mistake is reported with its line, its key and what to do; all are reported at once.
    @Test func reportsEveryProblemWithItsLine() throws {
        let text = """
            step: ten
            http:
              listen: localhost
              port: 80
            storage:
              max_metrics: -5
            retention:
              - name: broken
                pattern: "a/b"
                tiers: [10s]
            lgo:
              level: loud
            """
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, source: "bad.yaml") }
        let problems = try #require(error?.problems)
        func problem(_ key: String) -> ConfigProblem? { problems.first { $0.key == key } }
        #expect(problem("step")?.line == 1)
        #expect(problem("step")?.message.contains("duration such as 10s") == true)
        #expect(problem("http.listen")?.line == 3)
        #expect(problem("http.port")?.message.contains("unknown key") == true)
        #expect(problem("http.port")?.line == 4)
        #expect(problem("storage.max_metrics")?.line == 6)
        #expect(problem("retention[0].pattern")?.line == 9)
        #expect(problem("retention[0].tiers")?.line == 10)
        #expect(problem("lgo")?.message.contains("known keys here") == true)
        #expect(problem("lgo")?.line == 11)
        #expect(error?.description.contains("bad.yaml:1:7: step:") == true)
    }

    @Test func readsCollectorSettings() throws {
        let config = try ConfigurationLoader.parse("""
            collectors:
              proc_root: /host/proc
              cpu:
                per_core: false
                interval: 20s
              network:
                loopback: true
              pressure:
                enabled: false
            """, source: "c.yaml")
        #expect(config.collectors.procRoot == "/host/proc")
        #expect(config.collectors["cpu"].interval == 20)
        #expect(config.collectors["cpu"].option("per_core") == false)
        #expect(config.collectors["network"].option("loopback"))
        #expect(!config.collectors["network"].option("virtual"))
        #expect(!config.collectors["pressure"].enabled)
        #expect(config.collectors["memory"].enabled)
    }

    @Test func collectorMistakesAreReported() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("collectors:\n  cpu:\n    per_cores: true\n  gpu:\n    enabled: true\n", source: "c.yaml")
        }
        #expect(error?.description.contains("c.yaml:3:5: collectors.cpu.per_cores: unknown key") == true)
        #expect(error?.description.contains("c.yaml:4:3: collectors.gpu: unknown key") == true)
    }

    @Test func intervalLongerThanTheHeartbeatIsAProblem() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("collectors:\n  disk:\n    interval: 1m\n", source: "c.yaml")
        }
        #expect(error?.description.contains("c.yaml:3:15: collectors.disk.interval: runs every 1m but retention schema 'default'") == true, "\(error?.description ?? "")")
    }

    @Test func syntaxErrorsCarryTheirLine() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("step: 10s\nhttp:\n  listen: [unclosed\n", source: "syntax.yaml")
        }
        #expect(error?.problems.first?.message.contains("YAML syntax error") == true)
        #expect((error?.problems.first?.line ?? 0) >= 3)
    }

    @Test func duplicateKeysAreErrors() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("step: 10s\nstep: 20s\n", source: "dup.yaml")
        }
        #expect(error?.description.contains("duplicate") == true)
    }

    @Test func retentionSchemaConsistencyIsChecked() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("retention:\n  - name: x\n    pattern: \"**\"\n    tiers: [10s:1d, 15s:7d]\n", source: "r.yaml")
        }
        #expect(error?.description.contains("multiple of the base step") == true)
    }

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: "/nonexistent/metrics.yaml") }
        #expect(error?.description.contains("cannot read the file") == true)
    }

    @Test(arguments: [("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:0", "::1", 0), ("0.0.0.0:80", "0.0.0.0", 80)])
    func parsesListenAddresses(_ text: String, _ host: String, _ port: Int) {
        let parsed = ConfigReader.listenAddress(text)
        #expect(parsed?.0 == host)
        #expect(parsed?.1 == port)
    }

    @Test(arguments: ["8080", ":8080", "host:99999", "host:x"])
    func refusesBadListenAddresses(_ text: String) {
        #expect(ConfigReader.listenAddress(text) == nil)
    }
}
