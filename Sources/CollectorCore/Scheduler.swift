import Foundation
import Logging
import MetricStore
import ServiceLifecycle

/// Calls every collector once per step, at wall-clock multiples of the step, and hands the samples
/// to the writer. Waiting uses the monotonic clock, so a wall-clock jump neither stalls nor floods
/// collection. One failing or hanging collector never holds up the others.
public struct Scheduler: Service {
    public let step: Int
    public let collectors: [any Collector]
    public let writer: MetricWriter
    public let logger: Logger

    public init(step: Int, collectors: [any Collector], writer: MetricWriter, logger: Logger) {
        self.step = step
        self.collectors = collectors
        self.writer = writer
        self.logger = logger
    }

    public func run() async throws {
        var lastTick = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            guard let tick = try await sleepUntilNextTick(after: lastTick) else { break }
            lastTick = tick
            await collectAll(at: tick)
        }
    }

    /// The next multiple of the step after both the wall clock and `lastTick`, once the wall clock
    /// has reached it; nil when shutdown interrupted the wait. Never returns the same tick twice,
    /// even when a sleep ends a little before the wall-clock boundary.
    private func sleepUntilNextTick(after lastTick: Int) async throws -> Int? {
        let next = max((Int(Date().timeIntervalSince1970) / step + 1) * step, lastTick + step)
        while true {
            let delay = Double(next) - Date().timeIntervalSince1970
            if delay <= 0 { break }
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .microseconds(Int((delay * 1_000_000).rounded(.up))))
                }
            } catch is CancellationError {
                return nil
            }
            if Task.isShuttingDownGracefully { return nil }
        }
        return next
    }

    /// Runs every collector concurrently, each bounded by one step.
    public func collectAll(at time: Int) async {
        let timeout = Duration.seconds(step)
        let logger = logger
        let batches = await withTaskGroup(of: [Sample].self) { group in
            for collector in collectors {
                group.addTask {
                    do {
                        return try await withTimeout(timeout) { try await collector.collect(at: time) }
                    } catch {
                        logger.warning("collector \(collector.id) failed at \(time): \(error)")
                        return []
                    }
                }
            }
            return await group.reduce(into: [Sample]()) { $0 += $1 }
        }
        await writer.submit(batches)
        // Write at once, so that what the step collected is on disk before the next tick.
        await writer.flush()
    }
}

public struct TimeoutError: Error, CustomStringConvertible {
    public var limit: Duration
    public var description: String { "did not finish within \(limit)" }
}

/// Runs `body`, giving up after `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(limit: limit)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
