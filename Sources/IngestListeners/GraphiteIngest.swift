import Foundation
import Logging
import MetricStore
import StatsD
import Synchronization

/// Graphite plaintext lines, parsed as they arrive and kept until the next step hands them to
/// the writer. Like carbon, a timestamp is floored to the step and the last value sent for a
/// step wins: an RRD row is only complete once a point at its boundary arrives.
public final class GraphiteIngest: Sendable {
    private struct State {
        var pending: [Sample] = []
        var lines = 0
        var badLines: [String: Int] = [:]
        var refusedPending = 0
    }

    private let state = Mutex(State())
    private let maxPending: Int
    private let step: Int
    private let badLineLog: RateLimitedLogger

    public init(maxPending: Int, step: Int, logger: Logger) {
        self.maxPending = maxPending
        self.step = max(step, 1)
        badLineLog = RateLimitedLogger(logger: logger, subject: "graphite")
    }

    /// Parses a batch of complete lines.
    public func ingest(_ bytes: UnsafeRawBufferPointer) {
        let now = Int(Date().timeIntervalSince1970)
        let result = GraphiteParser.parse(bytes, now: now)
        state.withLock { state in
            state.lines += result.samples.count
            for (reason, count) in result.badLines.counts { state.badLines[reason.rawValue, default: 0] += count }
            let room = max(0, maxPending - state.pending.count)
            state.pending.append(contentsOf: result.samples.prefix(room).map { sample in
                var floored = sample
                floored.time = sample.time / step * step
                return floored
            })
            state.refusedPending += max(0, result.samples.count - room)
        }
        if let example = result.badLines.examples.first { badLineLog.badLine(example, total: result.badLines.total) }
    }

    /// Everything received since the last call, plus the listener's own counters.
    public func drain(at time: Int) -> [Sample] {
        let (points, lines, bad) = state.withLock { state -> ([Sample], Int, [String: Int]) in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return (state.pending, state.lines, state.badLines)
        }
        return Self.lastPerStep(points) + SelfCounters.samples(prefix: "metrics.self.graphite", lines: lines, badLines: bad, at: time)
    }

    /// The last value for each metric and step, in arrival order.
    static func lastPerStep(_ points: [Sample]) -> [Sample] {
        var index: [String: Int] = [:]
        var result: [Sample] = []
        for point in points {
            let key = "\(point.name.rawValue) \(point.time)"
            if let existing = index[key] {
                result[existing] = point
            } else {
                index[key] = result.count
                result.append(point)
            }
        }
        return result
    }

    public var statistics: (lines: Int, badLines: [String: Int]) { state.withLock { ($0.lines, $0.badLines) } }
}
