import Foundation
import Testing
import TestSupport
@testable import MetricStore
import RRD

/// The writer and the local backend on real RRD files in a temporary directory, at fixed epochs.
@Suite struct MetricWriterTests {
    static let t0 = 1_700_000_000
    let directory = TemporaryDirectory()
    let small = RetentionSchema(name: "small", pattern: try! MetricPattern("**"),
                                tiers: [RetentionTier(resolution: 10, duration: 3_600), RetentionTier(resolution: 60, duration: 86_400)])

    func makeWriter(limits: StorageLimits = StorageLimits(minFreeBytes: 0), now: Int = t0 + 1_000) throws -> (MetricWriter, LocalRRDBackend) {
        let backend = try LocalRRDBackend(dataDirectory: directory.path + "/data", policy: RetentionPolicy([small]), limits: limits)
        return (MetricWriter(backend: backend, limits: limits, now: { now }), backend)
    }

    func sample(_ name: String, _ offset: Int, _ value: Double, _ kind: MetricKind = .gauge) throws -> Sample {
        Sample(name: try MetricName(name), kind: kind, time: Self.t0 + offset, value: value)
    }

    @Test func createsOneFilePerMetricAndStoresValues() async throws {
        let (writer, backend) = try makeWriter()
        await writer.submit([try sample("app.web.latency", 10, 1.5), try sample("app.web.latency", 20, 2.5), try sample("biz.signups", 10, 3)])
        let report = await writer.flush()
        #expect(report.written == 3)
        #expect(report.filesCreated == 2)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/data/app/web/latency.rrd"))
        let fetched = try await backend.fetch(try MetricName("app.web.latency"), .average, start: Self.t0, end: Self.t0 + 20, resolution: 10)
        #expect(Array(fetched.values.prefix(2)) == [1.5, 2.5])
        let listed = try await backend.list(matching: try MetricPattern("app.**"))
        #expect(listed.map(\.name.rawValue) == ["app.web.latency"])
        #expect(listed.first?.lastUpdate == Self.t0 + 20)
        #expect(listed.first?.lastValue == 2.5)
    }

    @Test func counterIsStoredAsDDeriveWithMinZeroAndTakesDecimals() async throws {
        let (writer, backend) = try makeWriter()
        await writer.submit([try sample("net.bytes", 10, 100, .counter), try sample("net.bytes", 20, 200, .counter),
                             try sample("net.bytes", 30, 212.5, .counter), try sample("net.bytes", 40, 7, .counter)])
        let report = await writer.flush()
        #expect(report.written == 4)
        let name = try MetricName("net.bytes")
        let info = try await RRDEngine.shared.info(backend.path(for: name))
        #expect(info.text("ds[value].type") == "DDERIVE")
        #expect(info.number("ds[value].min") == 0)
        let rates = try await backend.fetch(name, .average, start: Self.t0 + 10, end: Self.t0 + 40, resolution: 10).values
        #expect(Array(rates.prefix(3)) == [10, 1.25, nil], "per-second rates; the reset is a gap")
    }

    @Test func latePointsAreCountedNotFatal() async throws {
        let (writer, _) = try makeWriter()
        await writer.submit([try sample("a.b", 20, 1)])
        await writer.flush()
        // A duplicate, an older point and one new point in the same flush.
        await writer.submit([try sample("a.b", 20, 2), try sample("a.b", 10, 3), try sample("a.b", 30, 4), try sample("a.b", 30, 5)])
        let report = await writer.flush()
        #expect(report.written == 1)
        #expect(report.refused[.late] == 3)
        let stats = await writer.currentStatistics()
        #expect(stats.refused["late"] == 3)
        #expect(stats.written == 2)
    }

    @Test func futureAndNonFiniteValuesAreRefusedAtTheDoor() async throws {
        let (writer, _) = try makeWriter(now: Self.t0)
        let result = await writer.submit([try sample("a.b", 30, 1), try sample("a.b", 3_600, 1), try sample("a.b", 40, .nan), try sample("a.b", 50, .infinity)])
        #expect(result.accepted == 1)
        #expect(result.refused[.future] == 1)
        #expect(result.refused[.notFinite] == 2)
    }

    @Test func metricCapRefusesNewNamesButKeepsUpdatingOldOnes() async throws {
        let limits = StorageLimits(maxMetrics: 2, minFreeBytes: 0)
        let (writer, backend) = try makeWriter(limits: limits)
        await writer.submit([try sample("m.one", 10, 1), try sample("m.two", 10, 2)])
        #expect(await writer.flush().filesCreated == 2)
        await writer.submit([try sample("m.three", 20, 3), try sample("m.one", 20, 4)])
        let report = await writer.flush()
        #expect(report.written == 1)
        #expect(report.refused[.metricLimit] == 1)
        #expect(report.problems[try MetricName("m.three")]?.detail.contains("max_metrics") == true)
        #expect(!FileManager.default.fileExists(atPath: backend.path(for: try MetricName("m.three"))))
        #expect(try await backend.list(matching: nil).first { $0.name.rawValue == "m.one" }?.lastUpdate == Self.t0 + 20)
    }

    @Test func nearlyFullDiskRefusesNewFilesAndKeepsExistingOnes() async throws {
        let (first, _) = try makeWriter()
        await first.submit([try sample("d.old", 10, 1)])
        await first.flush()
        // Demand more free space than any disk has: the same directory now counts as nearly full.
        let (writer, backend) = try makeWriter(limits: StorageLimits(minFreeBytes: Int.max / 2))
        await writer.submit([try sample("d.new", 20, 1), try sample("d.old", 20, 2)])
        let report = await writer.flush()
        #expect(report.refused[.diskFull] == 1)
        #expect(report.written == 1)
        #expect(!FileManager.default.fileExists(atPath: backend.path(for: try MetricName("d.new"))))
    }

    @Test func symlinkInTheDataDirectoryIsNotFollowed() async throws {
        let (writer, backend) = try makeWriter()
        let outside = directory.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: backend.dataDirectory + "/evil", withDestinationPath: outside)
        await writer.submit([try sample("evil.x", 10, 1)])
        let report = await writer.flush()
        #expect(report.refused[.writeFailed] == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
    }

    @Test func reopensExistingFilesAfterRestart() async throws {
        let (first, _) = try makeWriter()
        await first.submit([try sample("r.x", 10, 1), try sample("r.x", 20, 2)])
        await first.flush()
        let (second, _) = try makeWriter()
        await second.submit([try sample("r.x", 20, 9), try sample("r.x", 30, 3)])
        let report = await second.flush()
        #expect(report.written == 1)
        #expect(report.refused[.late] == 1)
        #expect(report.filesCreated == 0)
    }

    @Test func createdFileSizeMatchesTheEstimate() async throws {
        let backend = try LocalRRDBackend(dataDirectory: directory.path + "/std", limits: StorageLimits(minFreeBytes: 0))
        let writer = MetricWriter(backend: backend, now: { Self.t0 + 100 })
        await writer.submit([try sample("size.check", 10, 1)])
        await writer.flush()
        let size = try FileManager.default.attributesOfItem(atPath: backend.path(for: try MetricName("size.check")))[.size] as! Int
        let estimate = RetentionSchema.standard.bytesPerMetric
        #expect(abs(size - estimate) < estimate / 50, "file \(size) B, estimate \(estimate) B")
    }

    /// Many flushes racing: a metric's points must still reach its file in time order.
    @Test func concurrentFlushesWriteInOrder() async throws {
        let (writer, _) = try makeWriter(now: Self.t0 + 100_000)
        await withTaskGroup(of: Void.self) { group in
            for round in 1...300 {
                await writer.submit([try! sample("order.x", round * 10, Double(round)), try! sample("order.y", round * 10, 1)])
                group.addTask { await writer.flush() }
            }
        }
        await writer.flush()
        let stats = await writer.currentStatistics()
        #expect(stats.refused["late"] == nil, "\(stats.refused)")
        #expect(stats.written == 600)
    }

    @Test func dataDirectoryThatIsAFileIsAClearError() throws {
        let file = directory.path + "/plain"
        FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: StoreError.self) { try LocalRRDBackend(dataDirectory: file) }
    }
}
