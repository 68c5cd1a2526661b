import Collectors
import Foundation
import Testing
import TestSupport
@testable import MetricsConfig

@Suite struct EndpointConfigurationTests {
    @Test func readsEveryKindOfEndpoint() throws {
        let config = try ConfigurationLoader.parse("""
            endpoints:
              - name: api
                type: check
                url: https://api.example.com/health
                interval: 15s
                timeout: 2s
                connect_timeout: 500ms
                expect_status: [200, 204]
                expect_body: ok
                headers:
                  X-Env: prod
              - name: queue
                type: json
                url: http://127.0.0.1:8081/stats
                prefix: biz.queue
                fields:
                  - path: jobs.done
                    name: done
                    type: counter
                  - path: queues.*.depth
                numeric_strings: true
                auth:
                  username: metrics
                  password_file: /etc/metrics/queue.password
              - name: web
                type: prometheus
                url: http://127.0.0.1:9100/metrics
                include: ["http_*"]
                exclude: ["*_created"]
                match_labels: {job: web}
                label_segments: [method, code]
                max_series: 500
                auth:
                  bearer_token_env: WEB_TOKEN
            """, source: "e.yaml")
        #expect(config.endpoints.map(\.name) == ["api", "queue", "web"])
        let api = config.endpoints[0]
        #expect(api.kind == .check && api.interval == 15 && api.timeoutMilliseconds == 2_000 && api.connectTimeoutMilliseconds == 500)
        #expect(api.check.expectStatus == [200, 204] && api.check.bodyContains == "ok")
        #expect(api.headers == [Endpoint.Header(name: "X-Env", value: "prod")])
        #expect(api.prefix == "app.api")
        let queue = config.endpoints[1]
        #expect(queue.prefix == "biz.queue")
        #expect(queue.json.fields.map(\.path.text) == ["jobs.done", "queues.*.depth"])
        #expect(queue.json.fields[0].counter && !queue.json.fields[1].counter)
        #expect(queue.auth == .basic(username: "metrics", password: .file("/etc/metrics/queue.password")))
        let web = config.endpoints[2]
        #expect(web.prometheus.labelSegments == ["method", "code"] && web.prometheus.maxSeries == 500)
        #expect(web.prometheus.matchLabels == ["job": "web"])
        #expect(web.auth == .bearer(.environment("WEB_TOKEN")))
    }

    @Test func reportsEndpointMistakesWithLines() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("""
                endpoints:
                  - name: bad name
                    type: check
                    url: file:///etc/passwd
                  - name: x
                    type: soap
                    url: http://a/
                  - name: j
                    type: json
                    url: http://a/
                    fields:
                      - path: a..b
                    label_segments: [a]
                  - name: h
                    type: check
                    url: http://a/
                    headers:
                      Authorization: Bearer hunter2
                    expect_body_regex: "(unclosed"
                    auth:
                      password: hunter2
                """, source: "e.yaml")
        }
        let text = error?.description ?? ""
        #expect(text.contains("e.yaml:2:11: endpoints[0].name:"))
        #expect(text.contains("e.yaml:4:10: endpoints[0].url: expected an http:// or https:// URL"))
        #expect(text.contains("e.yaml:6:11: endpoints[1].type: expected type check, json or prometheus"))
        #expect(text.contains("endpoints[2].fields[0].path: JSON path 'a..b' has an empty segment"))
        #expect(text.contains("e.yaml:13:5: endpoints[2].label_segments: unknown key"), "a prometheus key on a json endpoint")
        #expect(text.contains("do not put credentials in headers"))
        #expect(text.contains("is not a valid regular expression"))
        #expect(text.contains("endpoints[3].auth.password: unknown key"))
    }

    @Test func dropInFilesAddEndpointsAndReportTheirOwnLines() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("collectors"), withIntermediateDirectories: true)
        try "endpoints:\n  - name: main\n    type: check\n    url: http://a/\n".write(toFile: directory.file("metrics.yaml"), atomically: true, encoding: .utf8)
        try "endpoints:\n  - name: extra\n    type: check\n    url: http://b/\n".write(toFile: directory.file("collectors/b.yaml"), atomically: true, encoding: .utf8)
        try "example only".write(toFile: directory.file("collectors/c.yaml.example"), atomically: true, encoding: .utf8)
        let config = try ConfigurationLoader.load(file: directory.file("metrics.yaml"))
        #expect(config.endpoints.map(\.name) == ["main", "extra"])

        try "endpoints:\n  - name: broken\n    type: check\n    url: nowhere\n".write(toFile: directory.file("collectors/a.yaml"), atomically: true, encoding: .utf8)
        try "endpoints:\n  - name: main\n    type: check\n    url: http://c/\n".write(toFile: directory.file("collectors/d.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: directory.file("metrics.yaml")) }
        let text = error?.description ?? ""
        #expect(text.contains("collectors/a.yaml:4:10: endpoints[0].url:"), "\(text)")
        #expect(text.contains("two endpoints are named 'main'"))
    }
}

@Suite struct ShippedExampleTests {
    /// Every example under collectors/ is a valid drop-in once renamed to .yaml.
    @Test func collectorExamplesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("collectors").path).filter { $0.hasSuffix(".yaml.example") }
        #expect(!examples.isEmpty)
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("collectors"), withIntermediateDirectories: true)
        for example in examples {
            try FileManager.default.copyItem(atPath: root.appendingPathComponent("collectors/\(example)").path,
                                             toPath: directory.file("collectors/\(example.dropLast(".example".count))"))
        }
        try "step: 10s\n".write(toFile: directory.file("metrics.yaml"), atomically: true, encoding: .utf8)
        let config = try ConfigurationLoader.load(file: directory.file("metrics.yaml"))
        #expect(config.endpoints.count >= 4)
    }
}

@Suite struct IngestConfigurationTests {
    @Test func readsListenersAndAggregation() throws {
        let config = try ConfigurationLoader.parse("""
            statsd:
              udp: 0.0.0.0:9125
              tcp: off
              tag_segments: [env, service]
              percentiles: [50, 99.9]
              idle_counters: gap
              max_metrics: 500
            graphite:
              tcp: 127.0.0.1:2004
            listeners:
              receive_buffer: 16MiB
              max_line: 8KiB
              max_connections: 10
              idle_timeout: 30s
            """, source: "i.yaml")
        #expect(config.listeners.statsdUDP?.description == "0.0.0.0:9125")
        #expect(config.listeners.statsdTCP == nil)
        #expect(config.listeners.graphiteTCP?.port == 2004)
        #expect(config.listeners.receiveBuffer == 16 << 20 && config.listeners.maxLine == 8 << 10)
        #expect(config.listeners.maxConnections == 10 && config.listeners.idleTimeout == 30)
        #expect(config.statsdTagSegments == ["env", "service"])
        #expect(config.statsdAggregation.percentiles == [50, 99.9])
        #expect(config.statsdAggregation.idleCounters == .gap)
        #expect(config.statsdAggregation.maxMetrics == 500)
    }

    @Test func ingestMistakesAreReported() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("statsd:\n  udp: 8125\n  percentiles: [0, 100]\n  idle_timers: never\n", source: "i.yaml")
        }
        let text = error?.description ?? ""
        #expect(text.contains("i.yaml:2:8: statsd.udp: expected HOST:PORT"))
        #expect(text.contains("statsd.percentiles: expected percentiles above 0 and below 100"))
        #expect(text.contains("i.yaml:4:16: statsd.idle_timers: expected gap"))
    }

    @Test func listeningBeyondLoopbackNeedsAWriteToken() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("http:\n  listen: 0.0.0.0:8080\n", source: "h.yaml")
        }
        #expect(error?.description.contains("set write_token_env or write_token_file") == true)
        let config = try ConfigurationLoader.parse("http:\n  listen: 0.0.0.0:8080\n  write_token_file: /etc/metrics/token\n", source: "h.yaml")
        #expect(config.http.writeToken == .file("/etc/metrics/token"))
    }
}

@Suite struct ExecConfigurationTests {
    @Test func readsProgramsAndResolvesRelativePaths() throws {
        let directory = TemporaryDirectory()
        let text = """
            exec:
              - name: signups
                path: collectors/signups/signups
                interval: 10s
                timeout: 5s
                protocol: plain
                environment: {SIGNUPS_DB: /var/lib/app/app.db}
              - name: load
                path: /usr/lib/nagios/plugins/check_load
                arguments: ["-w", "5,4,3", "-c", "10,8,6"]
                protocol: nagios
            """
        try text.write(toFile: directory.file("metrics.yaml"), atomically: true, encoding: .utf8)
        let config = try ConfigurationLoader.load(file: directory.file("metrics.yaml"))
        #expect(config.programs.map(\.name) == ["signups", "load"])
        #expect(config.programs[0].path == directory.file("collectors/signups/signups"))
        #expect(config.programs[0].timeoutSeconds == 5 && config.programs[0].protocol == .plain)
        #expect(config.programs[0].environment == ["SIGNUPS_DB": "/var/lib/app/app.db"])
        #expect(config.programs[1].arguments == ["-w", "5,4,3", "-c", "10,8,6"])
    }

    @Test func programMistakesAreReported() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("exec:\n  - name: a b\n    path: /bin/true\n  - name: x\n    path: /bin/true\n    protocol: snmp\n", source: "x.yaml")
        }
        let text = error?.description ?? ""
        #expect(text.contains("x.yaml:2:5: exec[0]:"))
        #expect(text.contains("exec[1].protocol: expected auto, plain, munin or nagios"))
        let slow = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("exec:\n  - name: slow\n    path: /bin/true\n    interval: 5m\n", source: "x.yaml")
        }
        #expect(slow?.description.contains("program slow: runs every 5m") == true)
    }

    /// The shipped signups and uploads examples are valid drop-ins once renamed to .yaml.
    @Test func shippedProgramExamplesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("collectors"), withIntermediateDirectories: true)
        for name in ["signups", "uploads"] {
            try FileManager.default.copyItem(atPath: root.appendingPathComponent("collectors/\(name)/\(name).yaml.example").path,
                                             toPath: directory.file("collectors/\(name).yaml"))
        }
        try "step: 10s\n".write(toFile: directory.file("metrics.yaml"), atomically: true, encoding: .utf8)
        let config = try ConfigurationLoader.load(file: directory.file("metrics.yaml"))
        #expect(Set(config.programs.map(\.name)) == ["signups", "uploads"])
    }
}
