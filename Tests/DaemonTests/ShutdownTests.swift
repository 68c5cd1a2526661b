import CollectorCore
import Foundation
import Logging
import MetricStore
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// A producer that submits a round of values for every metric as fast as it can until shutdown,
/// counting what the writer acknowledged; it stands where the scheduler stands in the daemon.
final class Counter: Sendable {
    let value = Mutex(0)
}

struct ProducerService: Service {
    let writer: MetricWriter
    let names: [MetricName]
    let t0: Int
    let acknowledged = Counter()

    func run() async throws {
        var round = 0
        while !Task.isShuttingDownGracefully {
            round += 1
            let result = await writer.submit(names.map { Sample(name: $0, time: t0 + round * 10, value: Double(round)) })
            acknowledged.value.withLock { $0 += result.accepted }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}

@Suite struct ShutdownTests {
    let directory = TemporaryDirectory()

    /// The daemon's arrangement: writer first, producers after, so graceful shutdown stops the
    /// producers before the writer's last flush. Nothing acknowledged may be missing on disk.
    @Test func shutdownDuringWritesLosesNoAcceptedValue() async throws {
        let t0 = 1_700_000_000
        let limits = StorageLimits(minFreeBytes: 0)
        let schema = RetentionSchema(name: "s", pattern: try MetricPattern("**"), tiers: [RetentionTier(resolution: 10, duration: 864_000)])
        let backend = try LocalRRDBackend(dataDirectory: directory.path, policy: RetentionPolicy([schema]), limits: limits)
        let writer = MetricWriter(backend: backend, limits: limits, now: { t0 + 10_000_000 })
        let names = try (0..<50).map { try MetricName("shutdown.m\($0)") }
        let logger = Logger(label: "test")
        let producer = ProducerService(writer: writer, names: names, t0: t0)
        let group = ServiceGroup(services: [WriterService(writer: writer, interval: .milliseconds(30), logger: logger), producer], logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(400))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }

        let acknowledged = producer.acknowledged.value.withLock { $0 }
        #expect(acknowledged > 0)
        var stored = 0
        for name in names {
            let result = try await backend.fetch(name, .average, start: t0, end: t0 + 864_000, resolution: 10)
            stored += result.values.compactMap { $0 }.count
        }
        #expect(stored == acknowledged, "acknowledged \(acknowledged), stored \(stored)")
        #expect(await writer.currentStatistics().refusedTotal == 0)
    }
}
