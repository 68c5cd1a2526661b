import EventStore
import Foundation
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
        /// DogStatsD events dropped because the store's queue was full.
        var eventsDropped = 0
        var badLines: [String: Int] = [:]
    }

    private let state: Mutex<State>
    private let tagSegments: [String]
    private let badLineLog: RateLimitedLogger
    /// Where DogStatsD events go; without it they are counted only. Offered without waiting:
    /// the UDP event loop never waits for SQLite.
    private let eventStore: EventStoreQueue?

    public init(aggregation: StatsDAggregation, tagSegments: [String], logger: Logger, events: EventStoreQueue? = nil) {
        state = Mutex(State(aggregator: StatsDAggregator(aggregation)))
        eventStore = events
        self.tagSegments = tagSegments
        badLineLog = RateLimitedLogger(logger: logger, subject: "statsd")
    }

    /// Parses one datagram (or a batch of complete TCP lines) and aggregates what is valid.
    @discardableResult
    public func ingest(_ bytes: UnsafeRawBufferPointer) -> StatsDParseSummary {
        var result = state.withLock { state in
            StatsDParser.parse(bytes, tagSegments: tagSegments, into: &state.aggregator)
        }
        if !result.parsedEvents.isEmpty { record(&result) }
        state.withLock { state in
            state.lines += result.values
            state.datagrams += 1
            state.events += result.events
            for (reason, count) in result.badLines.counts { state.badLines[reason.rawValue, default: 0] += count }
        }
        if let example = result.badLines.examples.first { badLineLog.badLine(example, total: result.badLines.total) }
        return result
    }

    /// Validates the datagram's events and queues the good ones; a refused one becomes a
    /// `bad_event` line, so it is counted and logged like any bad line.
    private func record(_ result: inout StatsDParseSummary) {
        let now = Int(Date().timeIntervalSince1970)
        var dropped = 0
        for event in result.parsedEvents {
            let newEvent = event.newEvent(now: now)
            do throws(EventError) {
                _ = try newEvent.validated()
            } catch {
                result.events -= 1
                let line = "_e \(error)"
                line.utf8CString.withUnsafeBytes { result.badLines.record(.badEvent, line: UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
                continue
            }
            if let eventStore, !eventStore.offer(newEvent) { dropped += 1 }
        }
        if dropped > 0 { state.withLock { $0.eventsDropped += dropped } }
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
        let (samples, lines, bad, events, dropped) = state.withLock { state in
            (state.aggregator.flush(at: time, interval: interval), state.lines, state.badLines, state.events, state.eventsDropped)
        }
        var own = SelfCounters.samples(prefix: "metrics.self.statsd", lines: lines, badLines: bad, at: time)
        if let name = try? MetricName("metrics.self.statsd.events") { own.append(Sample(name: name, kind: .counter, time: time, value: Double(events))) }
        if let name = try? MetricName("metrics.self.statsd.events_dropped") {
            own.append(Sample(name: name, kind: .counter, time: time, value: Double(dropped)))
        }
        return samples + own
    }

    public var statistics: (lines: Int, datagrams: Int, events: Int, badLines: [String: Int]) {
        state.withLock { ($0.lines, $0.datagrams, $0.events, $0.badLines) }
    }

    /// DogStatsD events dropped because the event queue was full.
    public var eventsDropped: Int { state.withLock { $0.eventsDropped } }
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
