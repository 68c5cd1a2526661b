import Foundation
import Logging

/// Accepts samples from every producer, holds them until the next flush, and writes them to the
/// backend one batch per metric. It refuses what would harm the files (timestamps too far ahead,
/// non-finite values) and what would exhaust memory, and counts everything it refuses.
public actor MetricWriter {
    public enum SubmitRefusal: String, Sendable, CaseIterable {
        case future
        case notFinite = "not_finite"
        case queueFull = "queue_full"
    }

    public struct SubmitResult: Sendable, Equatable {
        public var accepted = 0
        public var refused: [SubmitRefusal: Int] = [:]
    }

    public let backend: any MetricBackend
    private var limits: StorageLimits
    private let now: @Sendable () -> Int
    private let logger: Logger
    private var pending: [MetricName: SeriesBatch] = [:]
    private var pendingPoints = 0
    private var statistics = WriterStatistics()
    private var lateLogged: Set<MetricName> = []
    private var refusalLog = RateLimitedLog(interval: 60)
    /// The most recent write, which the next one waits for.
    private var lastWrite: Task<Void, Never>?

    public init(backend: any MetricBackend, limits: StorageLimits = StorageLimits(),
                now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) },
                logger: Logger = Logger(label: "metrics.store")) {
        self.backend = backend
        self.limits = limits
        self.now = now
        self.logger = logger
    }

    /// Queues samples for the next flush. Accepted samples are written by the next ``flush()``.
    @discardableResult
    public func submit(_ samples: [Sample]) -> SubmitResult {
        var result = SubmitResult()
        let horizon = now() + limits.maxFutureSkew
        for sample in samples {
            let refusal: SubmitRefusal? =
                !sample.value.isFinite ? .notFinite
                : sample.time > horizon ? .future
                : pendingPoints >= limits.maxPendingPoints ? .queueFull
                : nil
            if let refusal {
                result.refused[refusal, default: 0] += 1
                continue
            }
            let point = TimedValue(time: sample.time, value: sample.value)
            if let index = pending.index(forKey: sample.name) {
                pending.values[index].points.append(point)
            } else {
                pending[sample.name] = SeriesBatch(name: sample.name, kind: sample.kind, points: [point])
            }
            pendingPoints += 1
            result.accepted += 1
        }
        statistics.accepted += result.accepted
        for (reason, count) in result.refused {
            statistics.refused[reason.rawValue, default: 0] += count
            logRefusal("\(count) sample(s) refused: \(Self.explain(reason, limits))")
        }
        return result
    }

    /// Writes everything queued so far. Flushes may be called from many tasks at once; each takes
    /// what is pending and writes it only after the flushes started before it, so a metric's
    /// points always reach its file in time order (an earlier batch arriving late would be refused).
    @discardableResult
    public func flush() async -> WriteReport {
        guard !pending.isEmpty else {
            await lastWrite?.value
            return WriteReport()
        }
        let batches = Array(pending.values)
        pending.removeAll(keepingCapacity: true)
        pendingPoints = 0
        let previous = lastWrite
        let backend = self.backend
        let write = Task {
            _ = await previous?.value
            let started = ContinuousClock.now
            let report = await backend.write(batches)
            return (report, ContinuousClock.now - started)
        }
        lastWrite = Task { _ = await write.value }
        let (report, duration) = await write.value
        record(report, duration: duration)
        return report
    }

    public func reconfigure(limits: StorageLimits) {
        self.limits = limits
    }

    public func currentStatistics() -> WriterStatistics {
        var snapshot = statistics
        snapshot.pendingPoints = pendingPoints
        let retry = backend.retryStatistics()
        snapshot.storeQueuedPoints = retry.queuedPoints
        snapshot.storeDroppedPoints = retry.droppedPoints
        return snapshot
    }

    private func record(_ report: WriteReport, duration: Duration) {
        statistics.flushes += 1
        statistics.written += report.written
        statistics.filesCreated += report.filesCreated
        statistics.lastFlushSeconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        for (reason, count) in report.refused { statistics.refused[reason.rawValue, default: 0] += count }
        for (name, problem) in report.problems.sorted(by: { $0.key < $1.key }) {
            if problem.reason == .late {
                // Once per metric: a client that resends old points would otherwise flood the log.
                if lateLogged.insert(name).inserted {
                    logger.notice("\(name): dropped \(problem.detail); further late points for this metric are only counted")
                }
            } else {
                logRefusal("\(name): \(problem.reason.rawValue): \(problem.detail)")
            }
        }
    }

    private func logRefusal(_ message: String) {
        if let suppressed = refusalLog.shouldLog(now: now()) {
            let tail = suppressed > 0 ? " (\(suppressed) similar message(s) suppressed)" : ""
            logger.warning("\(message)\(tail)")
        }
    }

    static func explain(_ reason: SubmitRefusal, _ limits: StorageLimits) -> String {
        switch reason {
        case .future: return "timestamp more than \(limits.maxFutureSkew) s ahead of this clock (storage.max_future_skew); check the sender's clock"
        case .notFinite: return "value is NaN or infinite"
        case .queueFull: return "more than \(limits.maxPendingPoints) points wait for the disk (storage.max_pending_points)"
        }
    }
}

/// Counters the writer keeps about itself, exported at /metrics and as `metrics.self.*`.
public struct WriterStatistics: Sendable, Equatable {
    public var accepted = 0
    public var written = 0
    public var filesCreated = 0
    public var flushes = 0
    public var pendingPoints = 0
    public var lastFlushSeconds = 0.0
    /// Points the backend holds for a retry (rrdcached down or refusing) and those it dropped at
    /// the queue's bound.
    public var storeQueuedPoints = 0
    public var storeDroppedPoints = 0
    /// Refused points by reason (`future`, `late`, `metric_limit`, `disk_full`, ...).
    public var refused: [String: Int] = [:]

    public var refusedTotal: Int { refused.values.reduce(0, +) }

    public init() {}
}
