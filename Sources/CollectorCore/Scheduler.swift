import Logging
import MetricStore
import ServiceLifecycle

/// Runs every collector on its own interval, at wall-clock multiples of it, and hands the samples
/// to the writer together with `collector.<id>.duration` and `collector.<id>.success`.
///
/// Waiting uses the clock's monotonic sleep and never longer than one interval, so a wall clock
/// that jumps back does not stall collection and one that jumps ahead does not replay missed
/// ticks. Each run has a timeout of one interval; a run still going at the next tick makes that
/// tick skip (and say so) instead of piling up. One collector never holds up another.
public struct Scheduler: Service {
    public let step: Int
    public let collectors: [any Collector]
    public let writer: MetricWriter
    public let clock: any SchedulerClock
    public let logger: Logger

    public init(step: Int, collectors: [any Collector], writer: MetricWriter,
                clock: any SchedulerClock = SystemSchedulerClock(), logger: Logger) {
        self.step = step
        self.collectors = collectors
        self.writer = writer
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for collector in collectors {
                let loop = CollectorLoop(collector: collector, interval: collector.interval ?? step, writer: writer, clock: clock, logger: logger)
                group.addTask { await loop.run() }
            }
        }
    }
}

/// One collector's schedule: ticks, timeouts, skips and its self-metrics.
struct CollectorLoop: Sendable {
    let collector: any Collector
    let interval: Int
    let writer: MetricWriter
    let clock: any SchedulerClock
    let logger: Logger

    func run() async {
        var lastTick = 0
        var running: (task: Task<[Sample], any Error>, done: Flag)?
        var skipped = 0
        var failing: String?
        while let tick = await nextTick(after: lastTick) {
            lastTick = tick
            if let previous = running, !previous.done.isSet {
                skipped += 1
                if skipped == 1 || skipped.isMultiple(of: 60) {
                    logger.warning("collector \(collector.id) is still running its previous run; skipped \(skipped) tick(s) so far")
                }
                continue
            }
            if skipped > 0 {
                logger.notice("collector \(collector.id) finished its overrunning run; \(skipped) tick(s) were skipped")
                skipped = 0
            }
            let done = Flag()
            let task = Task { [collector] in
                defer { done.set() }
                return try await collector.collect(at: tick)
            }
            running = (task, done)
            let outcome = await runAndTime(task)
            reportChange(from: &failing, to: outcome.error, at: tick)
            await record(outcome, at: tick)
        }
        running?.task.cancel()
    }

    /// The next multiple of the interval, once the clock reaches it; nil at shutdown.
    func nextTick(after lastTick: Int) async -> Int? {
        let wall = clock.wallTime()
        var next = (Int(wall.rounded(.down)) / interval + 1) * interval
        if next == lastTick { next += interval } // the sleep ended a hair before the boundary
        if lastTick > 0, next < lastTick {
            logger.warning("wall clock went back by \(lastTick - next) s; collector \(collector.id) keeps its interval, values stamped before the last stored time are dropped")
        }
        let delay = min(max(Double(next) - wall, 0), Double(interval))
        do {
            try await cancelWhenGracefulShutdown {
                try await clock.sleep(for: .nanoseconds(Int64(delay * 1e9)))
            }
        } catch {
            return nil
        }
        return Task.isShuttingDownGracefully || Task.isCancelled ? nil : next
    }

    struct Outcome: Sendable {
        var samples: [Sample]
        var error: String?
        var seconds: Double
    }

    /// Waits for the run for at most one interval; a run that overstays is left to finish alone.
    func runAndTime(_ task: Task<[Sample], any Error>) async -> Outcome {
        let started = ContinuousClock.now
        let limit = Duration.seconds(interval)
        let result = await TimeoutRace.wait(for: task, limit: limit, clock: clock)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch result {
        case .finished(.success(let samples)): return Outcome(samples: samples, error: nil, seconds: seconds)
        case .finished(.failure(let error)): return Outcome(samples: [], error: "\(error)", seconds: seconds)
        case .timedOut: return Outcome(samples: [], error: "did not finish within its interval of \(interval) s", seconds: seconds)
        }
    }

    /// Says when a collector starts failing, fails differently, or recovers; not every tick.
    func reportChange(from failing: inout String?, to error: String?, at tick: Int) {
        if let error, error != failing {
            logger.warning("collector \(collector.id) failed at \(tick): \(error); collector.\(collector.id).success stays 0 while it fails")
        } else if error == nil, failing != nil {
            logger.notice("collector \(collector.id) works again")
        }
        failing = error
    }

    func record(_ outcome: Outcome, at tick: Int) async {
        let id = collector.id
        var samples = outcome.samples
        if let duration = try? MetricName("collector.\(id).duration"), let success = try? MetricName("collector.\(id).success") {
            samples.append(Sample(name: duration, kind: .gauge, time: tick, value: outcome.seconds))
            samples.append(Sample(name: success, kind: .gauge, time: tick, value: outcome.error == nil ? 1 : 0))
        }
        await writer.submit(samples)
        // Write at once, so that what this tick collected is on disk before the next one.
        await writer.flush()
    }
}

/// Waits for a task's result or a timeout, whichever comes first, without waiting for the task
/// to honour cancellation (a collector stuck in a system call may never return).
enum TimeoutRace {
    enum Result<T: Sendable>: Sendable {
        case finished(Swift.Result<T, any Error>)
        case timedOut
    }

    static func wait<T: Sendable>(for task: Task<T, any Error>, limit: Duration, clock: any SchedulerClock) async -> Result<T> {
        let gate = ResumeOnce<Result<T>>()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T>, Never>) in
            gate.set(continuation)
            Task { gate.resume(.finished(await task.result)) }
            gate.timer = Task {
                try? await clock.sleep(for: limit)
                gate.resume(.timedOut)
            }
        }
        gate.timer?.cancel()
        return result
    }
}
