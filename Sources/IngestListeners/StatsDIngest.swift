import Logging
import MetricStore
import StatsD
import Synchronization

/// The StatsD aggregator shared by the UDP and TCP listeners and the push API. A datagram is
/// parsed straight into the aggregator, under its lock: known names are found by their bytes,
/// so the common line allocates nothing (the listeners rarely contend: UDP is one channel).
public final class StatsDIngest: Sendable {
    private struct State {
        var aggregator: StatsDAggregator
        var lines = 0
        var datagrams = 0
        var events = 0
        var badLines: [String: Int] = [:]
    }

    private let state: Mutex<State>
    private let tagSegments: [String]
    private let badLineLog: RateLimitedLogger

    public init(aggregation: StatsDAggregation, tagSegments: [String], logger: Logger) {
        state = Mutex(State(aggregator: StatsDAggregator(aggregation)))
        self.tagSegments = tagSegments
        badLineLog = RateLimitedLogger(logger: logger, subject: "statsd")
    }

    /// Parses one datagram (or a batch of complete TCP lines) and aggregates what is valid.
    @discardableResult
    public func ingest(_ bytes: UnsafeRawBufferPointer) -> StatsDParseSummary {
        let result = state.withLock { state in
            let result = StatsDParser.parse(bytes, tagSegments: tagSegments, into: &state.aggregator)
            state.lines += result.values
            state.datagrams += 1
            state.events += result.events
            for (reason, count) in result.badLines.counts { state.badLines[reason.rawValue, default: 0] += count }
            return result
        }
        if let example = result.badLines.examples.first { badLineLog.badLine(example, total: result.badLines.total) }
        return result
    }

    /// Adds already parsed metrics (the push API).
    public func add(_ metrics: [StatsDMetric]) {
        state.withLock { state in
            state.aggregator.add(metrics)
            state.lines += metrics.count
        }
    }

    /// The step's aggregates, plus the listener's own counters.
    public func flush(at time: Int, interval: Int) -> [Sample] {
        let (samples, lines, bad, events) = state.withLock { state in
            (state.aggregator.flush(at: time, interval: interval), state.lines, state.badLines, state.events)
        }
        var own = SelfCounters.samples(prefix: "metrics.self.statsd", lines: lines, badLines: bad, at: time)
        if let name = try? MetricName("metrics.self.statsd.events") { own.append(Sample(name: name, kind: .counter, time: time, value: Double(events))) }
        return samples + own
    }

    public var statistics: (lines: Int, datagrams: Int, events: Int, badLines: [String: Int]) {
        state.withLock { ($0.lines, $0.datagrams, $0.events, $0.badLines) }
    }
}

/// `<prefix>.lines`, `<prefix>.bad_lines` and `<prefix>.bad_lines.<reason>` as counters.
enum SelfCounters {
    static func samples(prefix: String, lines: Int, badLines: [String: Int], at time: Int) -> [Sample] {
        var values: [(String, Int)] = [("\(prefix).lines", lines), ("\(prefix).bad_lines", badLines.values.reduce(0, +))]
        values += badLines.map { ("\(prefix).bad_lines.\($0.key)", $0.value) }
        return values.compactMap { name, value in
            (try? MetricName(name)).map { Sample(name: $0, kind: .counter, time: time, value: Double(value)) }
        }
    }
}

/// One warning per minute at most for bad lines, with the count since the last one.
final class RateLimitedLogger: Sendable {
    private let logger: Logger
    private let subject: String
    private let state = Mutex(RateLimitedLog(interval: 60))
    private let started = ContinuousClock.now

    init(logger: Logger, subject: String) {
        self.logger = logger
        self.subject = subject
    }

    func badLine(_ example: String, total: Int) {
        let now = Int((ContinuousClock.now - started).components.seconds)
        guard let suppressed = state.withLock({ $0.shouldLog(now: now, weight: total) }) else { return }
        let more = suppressed > 0 ? " (\(suppressed) more bad lines in the last minute)" : ""
        logger.warning("\(subject): bad line skipped: \(example)\(more); counted in metrics.self.\(subject).bad_lines")
    }
}

extension StatsDMetric {
    /// An increment, as `name:value|c`.
    public static func counter(_ name: MetricName, _ value: Double) -> StatsDMetric {
        StatsDMetric(name: name, type: .counter, value: value)
    }

    /// A level, as `name:value|g` (never a delta).
    public static func gauge(_ name: MetricName, _ value: Double) -> StatsDMetric {
        StatsDMetric(name: name, type: .gauge, value: value)
    }
}
