import Foundation
import MetricStore
import Testing
import TestSupport

/// `metrics graph` run as the built binary, the way DaemonTests run `metrics serve`
/// (`swift build --build-tests` builds it; METRICS_BINARY overrides the path).
@Suite struct GraphCommandTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/metrics").path
    }

    /// Exit status and standard error of `metrics graph ARGUMENTS --data-dir DIR`.
    func graph(_ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        let result = try await runChild(Self.binary, ["graph"] + arguments + ["--data-dir", fixture.path])
        return (result.status, result.err)
    }

    var range: [String] { ["--from", String(t0), "--until", String(t0 + 300)] }

    @Test func writesAPNGOfEveryMatchingMetric() async throws {
        try await fixture.write("app.web.requests", values: (1...30).map(Double.init))
        try await fixture.write("app.api.requests", values: (1...30).map { Double($0) / 2 })
        let file = fixture.path + "/out.png"
        let result = try await graph(["app.*.requests", "-o", file, "--theme", "dark"] + range)
        #expect(result.status == 0, "\(result.stderr)")
        let png = try #require(FileManager.default.contents(atPath: file))
        #expect(Array(png.prefix(8)) == pngSignature)
    }

    @Test func noMatchExitsOneAndPointsToList() async throws {
        try await fixture.write("app.web.requests", values: [1])
        let result = try await graph(["host.*", "-o", fixture.path + "/out.png"] + range)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no stored metric matches 'host.*'") && result.stderr.contains("metrics list"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "/out.png"))
    }

    @Test(arguments: [
        (["app.**", "-o", "x.png", "--from", "yesterday at noon"], "cannot read time"),
        (["app.**", "-o", "x.png", "--from", "now-20y"], "longer than"),
        (["app.**", "-o", "x.png", "--width", "100000"], "use 100 to 4000 pixels"),
        (["app.**", "-o", "x.png", "--theme", "neon"], "--theme is 'light' or 'dark'"),
        (["app/../etc", "-o", "x.png"], "pattern has the character '/'"),
        (["app.**"], "-o FILE.png"),
        ([], "at least one metric pattern"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) async throws {
        try await fixture.write("app.web.requests", values: [1])
        let result = try await graph(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: metrics graph"))
    }

    @Test func aPatternMatchingTooManyMetricsIsRefused() async throws {
        let small = RetentionSchema(name: "small", pattern: try MetricPattern("**"), tiers: [RetentionTier(resolution: 10, duration: 600)])
        for index in 0..<51 { try await fixture.write("app.m\(index)", values: [1], schema: small) }
        let result = try await graph(["app.*", "-o", fixture.path + "/out.png"] + range)
        #expect(result.status == 2)
        #expect(result.stderr.contains("51 series; the limit is 50"), "\(result.stderr)")
    }
}
