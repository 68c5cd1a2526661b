import CollectorCore
import Foundation
import Logging
import MetricStore
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// A collector that records the times it was called at and can fail or hang on demand.
final class ProbeCollector: Collector {
    enum Behaviour: Sendable { case ok, fail, hang }

    let id: String
    let interval: Int?
    private let behaviour: Behaviour
    private let calls = Mutex<[Int]>([])

    init(id: String, interval: Int? = nil, behaviour: Behaviour = .ok) {
        self.id = id
        self.interval = interval
        self.behaviour = behaviour
    }

    var times: [Int] { calls.withLock { $0 } }

    func declaredSeries() async throws -> [SeriesSpec] {
        [SeriesSpec(name: try MetricName("probe.\(id)"), kind: .gauge)]
    }

    struct Broken: Error, CustomStringConvertible { var description: String { "probe failure" } }

    func collect(at time: Int) async throws -> [Sample] {
        calls.withLock { $0.append(time) }
        switch behaviour {
        case .ok: return [Sample(name: try MetricName("probe.\(id)"), time: time, value: Double(times.count))]
        case .fail: throw Broken()
        case .hang:
            // Ignores cancellation, like a read stuck on a dead NFS mount.
            while true { try? await Task.sleep(for: .seconds(3_600)) }
        }
    }
}

@Suite(.serialized) struct SchedulerTests {
    static let start = 1_700_000_003.5
    let directory = TemporaryDirectory()

    struct Harness {
        let clock: ManualClock
        let writer: MetricWriter
        let backend: LocalRRDBackend
        let group: ServiceGroup
        let task: Task<Void, any Error>
    }

    func start(_ collectors: [any Collector], step: Int = 10) throws -> Harness {
        let clock = ManualClock(wall: Self.start)
        let limits = StorageLimits(minFreeBytes: 0)
        let schema = RetentionSchema(name: "t", pattern: try MetricPattern("**"), tiers: [RetentionTier(resolution: 10, duration: 86_400)])
        let backend = try LocalRRDBackend(dataDirectory: directory.path, policy: RetentionPolicy([schema]), limits: limits)
        let writer = MetricWriter(backend: backend, limits: limits, now: { Int(clock.wallTime()) })
        let scheduler = Scheduler(step: step, collectors: collectors, writer: writer, clock: clock, logger: Logger(label: "test"))
        let group = ServiceGroup(services: [scheduler], logger: Logger(label: "test"))
        return Harness(clock: clock, writer: writer, backend: backend, group: group, task: Task { try await group.run() })
    }

    func stop(_ harness: Harness) async throws {
        await harness.group.triggerGracefulShutdown()
        try await harness.task.value
    }

    func last(_ harness: Harness, _ name: String) async throws -> Double? {
        try await harness.backend.list(matching: try MetricPattern(name)).first?.lastValue
    }

    @Test func ticksAlignToTheIntervalOnTheWallClock() async throws {
        let probe = ProbeCollector(id: "a")
        let slow = ProbeCollector(id: "b", interval: 30)
        let harness = try start([probe, slow])
        for _ in 0..<6 {
            try await harness.clock.waitForSleepers(2)
            harness.clock.advance(by: 10)
        }
        try await harness.clock.waitForSleepers(2)
        try await stop(harness)
        #expect(probe.times == [1_700_000_010, 1_700_000_020, 1_700_000_030, 1_700_000_040, 1_700_000_050, 1_700_000_060])
        #expect(slow.times == [1_700_000_010, 1_700_000_040], "its own interval, at multiples of 30 s")
    }

    @Test func wallClockJumpAheadRunsOneTickNotAFlood() async throws {
        let probe = ProbeCollector(id: "a")
        let harness = try start([probe])
        try await harness.clock.waitForSleepers(1)
        harness.clock.advance(by: 10)
        try await harness.clock.waitForSleepers(1)
        harness.clock.jumpWall(by: 3_600)
        harness.clock.advance(by: 10)
        try await harness.clock.waitForSleepers(1)
        harness.clock.advance(by: 10)
        try await harness.clock.waitForSleepers(1)
        try await stop(harness)
        #expect(probe.times.count == 3, "\(probe.times)")
        #expect(probe.times.allSatisfy { $0 % 10 == 0 })
        #expect(probe.times[1] - probe.times[0] <= 3_620)
    }

    @Test func wallClockJumpBackDoesNotStall() async throws {
        let probe = ProbeCollector(id: "a")
        let harness = try start([probe])
        try await harness.clock.waitForSleepers(1)
        harness.clock.advance(by: 10)
        try await harness.clock.waitForSleepers(1)
        harness.clock.jumpWall(by: -3_600)
        // One interval of monotonic time later the collector has run again, though the wall is an hour behind.
        harness.clock.advance(by: 10)
        try await harness.clock.waitForSleepers(1)
        try await stop(harness)
        #expect(probe.times.count == 2, "\(probe.times)")
    }

    @Test func failingCollectorRecordsFailureAndOthersKeepFlowing() async throws {
        let good = ProbeCollector(id: "good")
        let bad = ProbeCollector(id: "bad", behaviour: .fail)
        let harness = try start([good, bad])
        for _ in 0..<2 {
            try await harness.clock.waitForSleepers(2)
            harness.clock.advance(by: 10)
        }
        try await harness.clock.waitForSleepers(2)
        try await stop(harness)
        #expect(good.times.count == 2)
        #expect(try await last(harness, "collector.good.success") == 1)
        #expect(try await last(harness, "collector.bad.success") == 0)
        #expect(try await last(harness, "probe.good") == 2)
        #expect(try await last(harness, "collector.good.duration") != nil)
    }

    @Test func hangingCollectorTimesOutSkipsTicksAndNeverBlocksOthers() async throws {
        let good = ProbeCollector(id: "good")
        let stuck = ProbeCollector(id: "stuck", behaviour: .hang)
        let harness = try start([good, stuck])
        try await harness.clock.waitForSleepers(2)
        harness.clock.advance(by: 10)              // tick 1: both start; stuck hangs while its timeout timer sleeps
        try await harness.clock.waitForSleepers(2)
        for _ in 0..<3 {
            harness.clock.advance(by: 10)          // stuck's timeout fires at the first; later ticks are skipped
            try await harness.clock.waitForSleepers(2)
        }
        try await stop(harness)
        #expect(good.times.count == 4)
        #expect(stuck.times.count == 1, "a run still going must make later ticks skip, not pile up")
        #expect(try await last(harness, "collector.stuck.success") == 0)
        #expect(try await last(harness, "probe.good") == 4)
    }
}
