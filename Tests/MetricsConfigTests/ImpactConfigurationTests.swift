import DeployImpact
import Foundation
import Testing
@testable import MetricsConfig

@Suite struct ImpactConfigurationTests {
    @Test func defaultJudgesNothing() throws {
        let config = try ConfigurationLoader.load(file: nil)
        #expect(config.impact == ImpactConfig())
        #expect(config.impact.services.isEmpty)
    }

    @Test func shippedCommentedExampleIsValid() throws {
        let lines = DefaultConfiguration.yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("# impact:") })
        let example = lines[start...].prefix { $0.hasPrefix("#") }.map { $0.dropFirst(2) }.joined(separator: "\n")
        let config = try ConfigurationLoader.parse(example, source: "example.yaml")
        #expect(config.impact.signals(forService: "web").count == 4)
        #expect(config.impact.webhook != nil)
    }

    @Test func readsTheSection() throws {
        let config = try ConfigurationLoader.parse("""
            impact:
              windows: { before: 2h, after: 10m, follow_up: 20m }
              thresholds: { z_regression: 8, p_regression: 1e-6, min_ratio: 2, spike_tolerance: 2m }
              webhook: https://chat.example.com/hooks/deploys
              services:
                web:
                  signals:
                    - { metric: app.web.http.5xx, kind: rate }
                    - { metric: app.web.latency.p95, kind: level, min_absolute_change: 0.05 }
                api:
                  signals:
                    - { metric: checks.api.failed, kind: failure }
            """, source: "test.yaml")
        let impact = config.impact
        #expect(impact.windows == ImpactWindows(before: 7_200, after: 600, followUp: 1_200))
        #expect(impact.thresholds.zRegression == 8)
        #expect(impact.thresholds.pRegression == 1e-6)
        #expect(impact.thresholds.minRatio == 2)
        #expect(impact.thresholds.spikeTolerance == 120)
        #expect(impact.thresholds.zSuspect == ImpactThresholds().zSuspect)
        #expect(impact.webhook?.absoluteString == "https://chat.example.com/hooks/deploys")
        #expect(impact.signals(forService: "web") == [
            SignalConfig(metric: "app.web.http.5xx", kind: .rate),
            SignalConfig(metric: "app.web.latency.p95", kind: .level, minAbsoluteChange: 0.05),
        ])
        #expect(impact.signals(forService: "api").map(\.kind) == [.failure])
        #expect(impact.signals(forService: "db").isEmpty)
    }

    @Test(arguments: ["0", "off"])
    func followUpZeroTurnsTheSecondLookOff(text: String) throws {
        let config = try ConfigurationLoader.parse("impact:\n  windows: { follow_up: \(text) }", source: "test.yaml")
        #expect(config.impact.windows.followUp == 0)
    }

    @Test(arguments: [
        ("impact:\n  windwos: { after: 5m }", "impact.windwos", 2, "unknown key"),
        ("impact:\n  windows: { after: soon }", "impact.windows.after", 2, "duration"),
        ("impact:\n  thresholds:\n    z_regression: lots", "impact.thresholds.z_regression", 3, "number"),
        ("impact:\n  services:\n    web:\n      signals:\n        - { metric: a.b, kind: loud }", "impact.services.web.signals[0].kind", 5, "rate, count, level, failure"),
        ("impact:\n  services:\n    web:\n      signals:\n        - { metric: a.b }", "impact.services.web.signals[0]", 5, "metric and kind"),
        ("impact:\n  services:\n    web:\n      signals: a.b", "impact.services.web.signals", 4, "list"),
        ("impact:\n  services:\n    web:\n      signals:\n        - { metric: 'a..b', kind: rate }", "impact", 2, "a..b"),
        ("impact:\n  windows: { after: 10s }", "impact", 2, "from 1m to 1d"),
        ("impact:\n  windows: { follow_up: 2d }", "impact", 2, "0 (no second look)"),
        ("impact:\n  windows: { follow_up: never }", "impact.windows.follow_up", 2, "duration"),
        ("impact:\n  thresholds: { z_suspect: 9, z_regression: 5 }", "impact", 2, "zSuspect"),
        ("impact:\n  webhook: ftp://example.com/x", "impact", 2, "http or https"),
    ])
    func reportsBadConfigAtItsLine(text: String, key: String, line: Int, says: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, source: "bad.yaml") }
        let problem = try #require(error?.problems.first { $0.key == key }, "\(error?.description ?? "no error")")
        #expect(problem.line == line)
        #expect(problem.message.contains(says), "\(problem.message)")
        #expect(error?.problems.count == 1, "\(error?.description ?? "")")
    }
}
