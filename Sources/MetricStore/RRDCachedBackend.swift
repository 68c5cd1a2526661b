import Foundation
import Logging
import RRD
import Synchronization

/// Stores each metric in its own RRD file under the data directory, every create and update sent
/// to rrdcached (never a direct write: rrdcached would lose the points it caches for the file).
///
/// rrdcached must see the data directory at the same absolute path (same host or same mount): we
/// send absolute paths. Started with `-B`, its `-b` must be the data directory or a parent.
/// Points rrdcached did not take (down, slow, restarted, refusing) stay in a bounded retry queue
/// and are sent again, in order, at the next write.
public final class RRDCachedBackend: MetricBackend {
    public let dataDirectory: String
    public let client: RRDCachedClient
    let engine = RRDEngine.shared
    let logger: Logger
    let state: Mutex<State>

    struct State {
        var policy: RetentionPolicy
        var limits: StorageLimits
        /// File and last stored time per metric seen since start; asked of rrdcached on first sight.
        var known: [MetricName: (path: String, last: Int)] = [:]
        var fileCount: Int?
        var queue: RetryQueue
        var window: ReplayWindow
        /// A call failed: rrdcached may have restarted and lost what it cached; resend the window.
        var resync = false
        var outageLog = RateLimitedLog(interval: 60)
        var refusalLog = RateLimitedLog(interval: 60)
        var down = false
    }

    public init(dataDirectory: String, settings: RRDCachedSettings, policy: RetentionPolicy = RetentionPolicy(),
                limits: StorageLimits = StorageLimits(), logger: Logger = Logger(label: "metrics.store")) throws(StoreError) {
        self.dataDirectory = try DataDirectory.open(dataDirectory)
        client = RRDCachedClient(address: settings.address, timeout: .seconds(settings.timeoutSeconds))
        self.logger = logger
        state = Mutex(State(policy: policy, limits: limits, queue: RetryQueue(maxPoints: settings.maxQueuedPoints),
                             window: ReplayWindow(span: settings.replaySeconds)))
    }

    public func reconfigure(policy: RetentionPolicy, limits: StorageLimits) {
        state.withLock {
            $0.policy = policy
            $0.limits = limits
        }
    }

    public func retryStatistics() -> RetryQueueStatistics {
        state.withLock { RetryQueueStatistics(queuedPoints: $0.queue.points, droppedPoints: $0.queue.dropped) }
    }

    public func path(for name: MetricName) -> String { dataDirectory + "/" + name.relativePath }

    /// Queues the batches behind anything still waiting, then sends the whole queue.
    public func write(_ batches: [SeriesBatch]) async -> WriteReport {
        let (dropped, bound) = state.withLock { ($0.queue.append(batches), $0.queue.maxPoints) }
        if dropped > 0 {
            logger.error("rrdcached at \(client.address) has not taken points for a while: dropped the \(dropped) oldest queued point(s) to stay within storage.rrdcached_queue_points (\(bound))")
        }
        let (pending, replay) = state.withLock { state in
            (state.queue.merged(), state.resync ? state.window.batches : [:])
        }
        guard !pending.isEmpty || !replay.isEmpty else { return WriteReport() }
        do {
            let outcome = try await send(pending, replay: replay)
            let (wasDown, kept) = state.withLock { state in
                state.queue.removeAll()
                state.queue.append(outcome.retry)
                state.resync = false
                defer { state.down = false }
                return (state.down, state.queue.points)
            }
            if wasDown {
                logger.notice("rrdcached at \(client.address) takes updates again: \(outcome.report.written) point(s) written (\(outcome.replayed) sent again that it had lost), \(kept) still queued")
            }
            logKept(outcome.problems)
            return outcome.report
        } catch {
            let (queued, suppressed) = state.withLock { state in
                state.down = true
                state.resync = true
                return (state.queue.points, state.outageLog.shouldLog(now: Int(Date().timeIntervalSince1970)))
            }
            if let suppressed {
                let tail = suppressed > 0 ? " (\(suppressed) similar message(s) suppressed)" : ""
                logger.warning("\(error); \(queued) point(s) queued in memory (at most \(bound)), sent again at the next flush\(tail)")
            }
            return WriteReport()
        }
    }

    private func logKept(_ problems: [String]) {
        guard let first = problems.first else { return }
        let suppressed = state.withLock { $0.refusalLog.shouldLog(now: Int(Date().timeIntervalSince1970)) }
        guard let suppressed else { return }
        let tail = suppressed > 0 ? " (\(suppressed) similar message(s) suppressed)" : ""
        logger.warning("rrdcached refused \(problems.count) metric(s), their points are queued and retried: \(first)\(tail)")
    }
}
