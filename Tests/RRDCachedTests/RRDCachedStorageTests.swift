import Foundation
import GraphRender
import Logging
import Testing
import TestSupport
import TerminalQuery
@testable import MetricStore
import RRD

/// Writes through a real rrdcached (unix socket and TCP loopback) and reads back through every
/// reader: SeriesExport, LocalQuery, a PNG with `--daemon`. rrdcached holds points for an hour
/// (`-w 3600`), so only a read that flushes first sees them.
@Suite(.serialized) struct RRDCachedStorageTests {
    static let t0 = 1_700_000_000
    static let schema = RetentionSchema(name: "small", pattern: try! MetricPattern("**"),
                                        tiers: [RetentionTier(resolution: 10, duration: 3_600), RetentionTier(resolution: 60, duration: 86_400)])

    static func writer(_ cached: RRDCachedProcess, queue: Int = 10_000, logger: Logger = Logger(label: "test")) throws -> (MetricWriter, RRDCachedBackend) {
        let limits = StorageLimits(minFreeBytes: 0, maxFutureSkew: 1_000_000_000)
        let backend = try RRDCachedBackend(dataDirectory: cached.dataDirectory,
                                           settings: RRDCachedSettings(address: cached.address, maxQueuedPoints: queue, timeoutSeconds: 2),
                                           policy: RetentionPolicy([schema]), limits: limits, logger: logger)
        return (MetricWriter(backend: backend, limits: limits, now: { t0 }, logger: logger), backend)
    }

    static func samples(_ name: String, steps: Range<Int>, value: (Int) -> Double = { Double($0) }) throws -> [Sample] {
        try steps.map { Sample(name: try MetricName(name), kind: .gauge, time: t0 + 10 * $0, value: value($0)) }
    }

    @Test(arguments: RRDCachedProcess.Listen.allCases)
    func writesGoThroughRRDCachedAndEveryReaderSeesThem(listen: RRDCachedProcess.Listen) async throws {
        let cached = try RRDCachedProcess(listen)
        try await cached.start()
        let (writer, backend) = try Self.writer(cached)
        for step in 1...30 {
            await writer.submit(try Self.samples("app.web.latency", steps: step..<(step + 1)) + Self.samples("biz.orders", steps: step..<(step + 1)) { Double($0 * 2) })
            await writer.flush()
        }
        let stats = await writer.currentStatistics()
        #expect(stats.written == 60)
        #expect(stats.filesCreated == 2)
        #expect(stats.refusedTotal == 0)
        // rrdcached has them and has written none of them yet: a direct read would see nothing.
        let held = try await backend.client.stats()
        #expect(held["UpdatesReceived"] == 60)
        #expect(held["UpdatesWritten"] == 0)

        RRDEngine.shared.route(cached.dataDirectory, through: cached.address)
        defer { RRDEngine.shared.route(cached.dataDirectory, through: nil) }
        let name = try MetricName("app.web.latency")
        let data = try await SeriesExport.data([SeriesRequest(metric: name)], start: Self.t0, end: Self.t0 + 300, maxPoints: 30,
                                               dataDirectory: cached.dataDirectory)
        #expect(data.series[0].points.compactMap(\.value) == (1...30).map(Double.init))

        let query = LocalQuery(patterns: ["biz.*"], start: Self.t0, end: Self.t0 + 300, step: 10)
        guard case .result(let result) = try await query.run(dataDirectory: cached.dataDirectory) else {
            Issue.record("metrics query found nothing")
            return
        }
        #expect(result.data.series.first?.summary.last == 60)

        let fetched = try await backend.fetch(name, .average, start: Self.t0, end: Self.t0 + 300, resolution: 10)
        #expect(fetched.values.compactMap { $0 }.count == 30)
        #expect(try await backend.list(matching: nil).map(\.lastValue) == [30, 60])
    }

    @Test(arguments: RRDCachedProcess.Listen.allCases)
    func graphsSeeThePointsRRDCachedHolds(listen: RRDCachedProcess.Listen) async throws {
        let cached = try RRDCachedProcess(listen)
        try await cached.start()
        let (writer, backend) = try Self.writer(cached)
        await writer.submit(try Self.samples("app.requests", steps: 1..<60) { Double($0 % 7) })
        await writer.flush()
        let engine = RRDEngine.shared
        engine.route(cached.dataDirectory, through: cached.address)
        defer { engine.route(cached.dataDirectory, through: nil) }
        let spec = GraphSpec(series: [GraphSeries(metric: try MetricName("app.requests"))], start: Self.t0, end: Self.t0 + 600, legend: false)
        let png = try await GraphRenderer.png(spec, dataDirectory: cached.dataDirectory)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The graph's own numbers: the maximum it read is that of the cached points.
        let path = backend.path(for: try MetricName("app.requests"))
        await writer.submit(try Self.samples("app.requests", steps: 60..<61) { _ in 42 })
        await writer.flush()
        let arguments = ["-", "--imgformat", "PNG", "--start", String(Self.t0), "--end", String(Self.t0 + 600),
                         "DEF:v=\(path):value:AVERAGE", "PRINT:v:MAX:%.0lf", "LINE1:v#ff0000"]
        let output = try await engine.run { session in try session.graph(arguments) }
        #expect(output.image.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(output.info.text("print[0]") == "42")
    }

    @Test func storageLimitsStillApply() async throws {
        let cached = try RRDCachedProcess(.unix)
        try await cached.start()
        let limits = StorageLimits(maxMetrics: 1, minFreeBytes: 0, maxFutureSkew: 1_000_000_000)
        let backend = try RRDCachedBackend(dataDirectory: cached.dataDirectory, settings: RRDCachedSettings(address: cached.address),
                                           policy: RetentionPolicy([Self.schema]), limits: limits)
        let writer = MetricWriter(backend: backend, limits: limits, now: { Self.t0 })
        await writer.submit(try Self.samples("app.first", steps: 1..<3))
        await writer.flush()
        await writer.submit(try Self.samples("app.second", steps: 1..<3) + Self.samples("app.first", steps: 3..<4))
        let report = await writer.flush()
        #expect(report.written == 1)
        #expect(report.refused[.metricLimit] == 2)
        #expect(await writer.currentStatistics().storeQueuedPoints == 0)  // refused, not queued for a retry
    }
}

/// `metrics query` is answered by the front binary, which reads only a few keys of the
/// configuration: with `storage.backend: rrdcached` it must still read through rrdcached.
@Suite(.serialized) struct RRDCachedQueryBinaryTests {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/metrics").path
    }

    @Test func theQueryBinarySeesThePointsRRDCachedHolds() async throws {
        let cached = try RRDCachedProcess(.unix)
        try await cached.start()
        let (writer, _) = try RRDCachedStorageTests.writer(cached)
        await writer.submit(try RRDCachedStorageTests.samples("biz.signups", steps: 1..<31))
        await writer.flush()
        let folder = TemporaryDirectory()
        let config = folder.path + "/metrics.yaml"
        let t0 = RRDCachedStorageTests.t0
        func query() async throws -> (status: Int32, values: [Double], out: String, err: String) {
            let run = try await runChild(Self.binary, ["query", "biz.signups", "--config", config, "--from", "\(t0)", "--until", "\(t0 + 300)",
                                                       "--step", "10s", "--format", "csv"])
            let values = run.out.split(separator: "\n").dropFirst()
                .compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).last.flatMap { Double($0) } }
            return (run.status, values, run.out, run.err)
        }
        // Without the storage lines the files hold nothing yet (rrdcached writes after an hour).
        try "data_dir: \(cached.dataDirectory)\n".write(toFile: config, atomically: true, encoding: .utf8)
        let direct = try await query()
        #expect(direct.values.isEmpty, "\(direct.out)")
        try "data_dir: \(cached.dataDirectory)\nstorage: {backend: rrdcached, rrdcached: \(cached.address)}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let routed = try await query()
        #expect(routed.status == 0, "\(routed.err)")
        #expect(routed.values == (1...30).map(Double.init), "\(routed.out)")
    }
}
