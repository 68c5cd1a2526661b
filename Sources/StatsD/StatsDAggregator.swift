import MetricStore

/// Sums a step of StatsD values per metric and writes them out at each flush, like etsy statsd's
/// flush. A value type for one task to own: feed it with `add`, call `flush` once per step.
///
/// Samples, all `MetricKind.gauge`, under the metric's own name:
/// - counter `n`: `n.count`, the sum of value / sample rate in the step, and `n.rate`, count per
///   second of `interval`;
/// - timer, histogram, distribution `t`: `t.count` (each value counted 1 / sample rate), `t.mean`,
///   `t.min`, `t.max` over the raw values, and one `t.p<N>` per configured percentile, by nearest
///   rank (see `Percentiles`). Past `timerReservoir` values in a step, percentiles come from a
///   uniform reservoir sample (Algorithm R) of that many values; count, mean, min, max stay exact;
/// - gauge `g`: `g`, the level after the step's sets and deltas (a delta on a gauge not held
///   starts from 0), repeated every step while `gaugeKeep`; a gauge never received writes nothing;
/// - set `s`: `s.unique`, the distinct members of the step. Members are held as 64-bit hashes
///   (seeded per process), so two members could in principle count as one, and at most
///   `maxSetMembers` are counted.
///
/// Idle metrics (held, nothing this step) follow `StatsDAggregation`'s idle policies; a metric
/// idle for `forgetAfter` seconds is forgotten. A name keeps the kind (counter, timer, gauge, set)
/// it was first seen with until forgotten; values of another kind are dropped (`typeConflicts`).
public struct StatsDAggregator: Sendable, StatsDSink {
    public let config: StatsDAggregation
    /// Values dropped because their name was new and `maxMetrics` names were held (cumulative).
    public private(set) var droppedNewMetrics = 0
    /// Values dropped because their name was held with another kind (cumulative).
    public private(set) var typeConflicts = 0
    /// Values dropped because their name leaves no room for a suffix (`.count`, `.p99`) within
    /// `MetricName`'s length and segment limits (cumulative).
    public private(set) var unnamable = 0
    public var distinctMetrics: Int { entries.count }

    /// Entries by number, and the numbers by name bytes, so that a datagram's names are found
    /// without building Strings.
    private var entries: [Entry] = []
    private var names = NameTable()
    private var random: SplitMix64
    /// Valid configured percentiles with their name segments.
    private let percentiles: [(value: Double, segment: String)]

    public init(_ config: StatsDAggregation) {
        self.config = config
        random = SplitMix64(seed: UInt64.random(in: .min ... .max))
        percentiles = config.percentiles.filter(Percentiles.isValid).map { ($0, Percentiles.segment($0)) }
    }

    public mutating func add(_ metrics: [StatsDMetric]) {
        // By index: a for-in loop would copy (retain and release) every metric.
        for index in metrics.indices { add(metrics[index]) }
    }

    public mutating func add(_ metric: StatsDMetric) {
        var name = metric.name.rawValue
        var member = metric.setMember ?? ""
        let value = StatsDValue(type: metric.type, value: metric.value, sampleRate: metric.sampleRate, isDelta: metric.isDelta)
        name.withUTF8 { name in
            member.withUTF8 { member in
                var value = value
                value.member = 0..<member.count
                _ = accept(name: UnsafeRawBufferPointer(name), values: [value], line: UnsafeRawBufferPointer(member), tags: [])
            }
        }
    }

    /// Aggregates the values of one parsed line (see `StatsDSink`); false when `name` is not a
    /// valid `MetricName`.
    public mutating func accept(name: UnsafeRawBufferPointer, values: [StatsDValue], line: UnsafeRawBufferPointer, tags: [StatsDTag]) -> Bool {
        guard let first = values.first else { return true }
        var found = names.find(name)
        if found == nil {
            guard let metricName = try? MetricName(String(decoding: name, as: UTF8.self)) else { return false }
            guard create(metricName, kind: Entry.Kind(first.type), bytes: name, values: values.count) else { return true }
            found = entries.count - 1
        }
        guard let index = found else { return true }
        for slot in values.indices {
            let value = values[slot]
            let member = value.type == .set ? Self.memberHash(UnsafeRawBufferPointer(rebasing: line[value.member])) : 0
            // One in-place access: reading `.kind` through a getter would copy the entry.
            if !entries[index].add(value, member: member, ifKind: Entry.Kind(value.type), config: config, random: &random) {
                typeConflicts += 1
            }
        }
        return true
    }

    /// A new entry of `kind`, unless `maxMetrics` names are held or the name leaves no room for
    /// the output suffixes; then the line's `values` are counted as dropped.
    private mutating func create(_ name: MetricName, kind: Entry.Kind, bytes: UnsafeRawBufferPointer, values: Int) -> Bool {
        guard entries.count < config.maxMetrics else {
            droppedNewMetrics += values
            return false
        }
        guard let outputs = outputNames(name, kind) else {
            unnamable += values
            return false
        }
        entries.append(Entry(kind: kind, outputs: outputs))
        names.insert(bytes)
        return true
    }

    /// Set members are counted by a per-process seeded hash of their bytes.
    private static func memberHash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// The samples of the step that ends now, stamped `time`; `interval` is the step's length in
    /// seconds (for counters' `.rate`; at least 1). Starts the next step. In no particular order.
    public mutating func flush(at time: Int, interval: Int) -> [Sample] {
        let seconds = Double(max(interval, 1))
        var samples: [Sample] = []
        samples.reserveCapacity(entries.count * 2)
        var kept: [Int] = []
        kept.reserveCapacity(entries.count)
        for index in entries.indices {
            if entries[index].hasData {
                entries[index].flush(at: time, seconds: seconds, percentiles: percentiles, into: &samples)
            } else if time - entries[index].lastData >= config.forgetAfter {
                continue  // forgotten
            } else {
                entries[index].flushIdle(at: time, config: config, into: &samples)
            }
            kept.append(index)
        }
        if kept.count < entries.count {
            names = names.keeping(kept)
            entries = kept.map { entries[$0] }
        }
        return samples
    }

    private func outputNames(_ name: MetricName, _ kind: Entry.Kind) -> [MetricName]? {
        let suffixes: [String]
        switch kind {
        case .counter: suffixes = ["count", "rate"]
        case .timer: suffixes = ["count", "mean", "min", "max"] + percentiles.map(\.segment)
        case .set: suffixes = ["unique"]
        case .gauge: return [name]
        }
        var names: [MetricName] = []
        for suffix in suffixes {
            guard let output = MetricName.joined(name.rawValue, suffix) else { return nil }
            names.append(output)
        }
        return names
    }
}
