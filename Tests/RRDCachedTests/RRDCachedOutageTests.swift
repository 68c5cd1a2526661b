import Foundation
import GraphRender
import Testing
import TestSupport
@testable import MetricStore
import RRD
#if canImport(Glibc)
import Glibc
#endif

/// rrdcached killed, restarted and misconfigured while the writer keeps flushing: accepted points
/// wait in the bounded retry queue and reach the files once rrdcached takes them again.
@Suite(.serialized) struct RRDCachedOutageTests {
    typealias Storage = RRDCachedStorageTests
    static let t0 = Storage.t0

    func step(_ writer: MetricWriter, _ step: Int) async throws {
        await writer.submit(try Storage.samples("app.a", steps: step..<(step + 1)) + Storage.samples("app.b", steps: step..<(step + 1)))
        await writer.flush()
    }

    func stored(_ cached: RRDCachedProcess, _ name: String) async throws -> [Double?] {
        RRDEngine.shared.route(cached.dataDirectory, through: cached.address)
        defer { RRDEngine.shared.route(cached.dataDirectory, through: nil) }
        let data = try await SeriesExport.data([SeriesRequest(metric: try MetricName(name))], start: Self.t0, end: Self.t0 + 300,
                                               maxPoints: 30, dataDirectory: cached.dataDirectory)
        return data.series[0].points.map(\.value)
    }

    @Test(arguments: RRDCachedProcess.Listen.allCases)
    func killedAndRestartedRRDCachedLosesNoAcceptedPoint(listen: RRDCachedProcess.Listen) async throws {
        let cached = try RRDCachedProcess(listen)
        try await cached.start()
        let logs = CapturedLogs()
        let (writer, _) = try Storage.writer(cached, logger: logs.logger)
        for number in 1...10 { try await step(writer, number) }
        await cached.stop(signal: SIGKILL)
        for number in 11...20 { try await step(writer, number) }
        let during = await writer.currentStatistics()
        #expect(during.written == 20)
        #expect(during.storeQueuedPoints == 20)
        #expect(logs.count(containing: "is unreachable") == 1)  // rate-limited: once a minute
        try await cached.start()  // replays its journal: steps 1-10
        for number in 21...25 { try await step(writer, number) }
        let after = await writer.currentStatistics()
        #expect(after.written == 50)
        #expect(after.storeQueuedPoints == 0)
        #expect(after.storeDroppedPoints == 0)
        #expect(logs.count(containing: "takes updates again") == 1)
        for name in ["app.a", "app.b"] {
            #expect(Array(try await stored(cached, name).prefix(25)) == (1...25).map { Double?(Double($0)) })
        }
    }

    @Test func aHungRRDCachedTimesOutAndItsPointsArriveWhenItResumes() async throws {
        let cached = try RRDCachedProcess(.unix)
        try await cached.start()
        let logs = CapturedLogs()
        let limits = StorageLimits(minFreeBytes: 0, maxFutureSkew: 1_000_000_000)
        let settings = RRDCachedSettings(address: cached.address, timeoutSeconds: 1)
        let backend = try RRDCachedBackend(dataDirectory: cached.dataDirectory, settings: settings,
                                           policy: RetentionPolicy([Storage.schema]), limits: limits, logger: logs.logger)
        let writer = MetricWriter(backend: backend, limits: limits, now: { Self.t0 }, logger: logs.logger)
        for number in 1...3 { try await step(writer, number) }
        await cached.send(SIGSTOP)
        try await step(writer, 4)  // no answer within the timeout: kept
        #expect(await writer.currentStatistics().storeQueuedPoints == 2)
        #expect(logs.count(containing: "did not answer in time") == 1)
        await cached.send(SIGCONT)
        for number in 5...6 { try await step(writer, number) }
        #expect(await writer.currentStatistics().storeQueuedPoints == 0)
        #expect(Array(try await stored(cached, "app.b").prefix(6)) == [1, 2, 3, 4, 5, 6])
    }

    @Test func theQueueBoundDropsTheOldestFlushesAndCountsThem() async throws {
        let cached = try RRDCachedProcess(.unix)
        try await cached.start()
        let logs = CapturedLogs()
        let (writer, _) = try Storage.writer(cached, queue: 10, logger: logs.logger)
        for number in 1...3 { try await step(writer, number) }
        await cached.stop(signal: SIGKILL)
        for number in 4...13 { try await step(writer, number) }  // 20 points, room for 10
        let during = await writer.currentStatistics()
        #expect(during.storeQueuedPoints == 10)
        #expect(during.storeDroppedPoints == 10)
        #expect(logs.count(containing: "dropped the 2 oldest queued point(s)") == 5)
        try await cached.start()
        try await step(writer, 14)
        // Steps 4-8 were dropped (the oldest flushes); 1-3 (lost by the SIGKILL) were sent again
        // from the replay window. 9 and 10 were sent but read unknown: after a gap longer than the
        // heartbeat, RRD restarts the series and the first steps after it have no known value.
        let values = Array(try await stored(cached, "app.a").prefix(14))
        #expect(values == [1, 2, 3, nil, nil, nil, nil, nil, nil, nil, 11, 12, 13, 14])
    }

    @Test func anRRDCachedWithAnotherBaseDirectoryIsExplainedAndItsPointsKept() async throws {
        let other = TemporaryDirectory()
        let cached = try RRDCachedProcess(.unix, base: other.path)
        try await cached.start()
        let data = TemporaryDirectory()
        let logs = CapturedLogs()
        let limits = StorageLimits(minFreeBytes: 0, maxFutureSkew: 1_000_000_000)
        let settings = RRDCachedSettings(address: cached.address, maxQueuedPoints: 1_000, timeoutSeconds: 2)
        let backend = try RRDCachedBackend(dataDirectory: data.path, settings: settings, policy: RetentionPolicy([Storage.schema]),
                                           limits: limits, logger: logs.logger)
        let writer = MetricWriter(backend: backend, limits: limits, now: { Self.t0 }, logger: logs.logger)
        try await step(writer, 1)
        let stats = await writer.currentStatistics()
        #expect(stats.written == 0)
        #expect(stats.storeQueuedPoints == 2)
        #expect(logs.count(containing: "Permission denied; rrdcached was started with -B and a base directory (-b) that does not hold the data directory") == 1)
        let finding = await RRDCachedCheck.run(settings, dataDirectory: data.path)
        #expect(!finding.ok)
        #expect(finding.lines.first?.contains("Start it with -b \(try DataDirectory.resolve(data.path)) -B") == true)
    }

    @Test func anUnreachableRRDCachedIsExplainedByCheck() async throws {
        let directory = TemporaryDirectory()
        let settings = RRDCachedSettings(address: RRDCachedAddress(.unix(path: directory.path + "/none.sock")), timeoutSeconds: 1)
        let finding = await RRDCachedCheck.run(settings, dataDirectory: directory.path)
        #expect(!finding.ok)
        #expect(finding.lines.first?.contains("is unreachable") == true)
    }
}
