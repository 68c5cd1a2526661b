import MetricStore

extension StatsDAggregator {
    /// One metric's state: the running step and what persists across steps (a gauge's level).
    struct Entry: Sendable {
        enum Kind: Sendable {
            case counter, gauge, timer, set

            init(_ type: StatsDType) {
                switch type {
                case .counter: self = .counter
                case .gauge: self = .gauge
                case .timer, .histogram, .distribution: self = .timer
                case .set: self = .set
                }
            }
        }

        let kind: Kind

        /// Adds `metric` when the entry is of `kind`; false (nothing added) otherwise.
        mutating func add(_ value: StatsDValue, member: Int, ifKind kind: Kind, config: StatsDAggregation, random: inout SplitMix64) -> Bool {
            guard self.kind == kind else { return false }
            add(value, member: member, config: config, random: &random)
            return true
        }

        /// Sample names, computed once: counter count, rate; timer count, mean, min, max,
        /// percentiles; set unique; gauge the name itself.
        let outputs: [MetricName]
        /// Data received since the last flush.
        var hasData = false
        /// Time of the last flush that had data; set by the first flush, which always has data.
        var lastData = 0

        var count = 0.0  // counter: scaled sum; timer: scaled count
        var level = 0.0
        var timer = TimerStep()
        var members: Set<Int> = []

        init(kind: Kind, outputs: [MetricName]) {
            self.kind = kind
            self.outputs = outputs
        }

        /// Adds one value; `member` is a set member's hash.
        mutating func add(_ metric: StatsDValue, member: Int, config: StatsDAggregation, random: inout SplitMix64) {
            // The parser guarantees both; a hand-made metric must not turn a count into infinity.
            guard metric.value.isFinite else { return }
            let rate = metric.sampleRate > 0 && metric.sampleRate <= 1 ? metric.sampleRate : 1
            hasData = true
            switch kind {
            case .counter:
                count += metric.value / rate
            case .gauge:
                level = metric.isDelta ? level + metric.value : metric.value
            case .timer:
                count += 1 / rate
                timer.add(metric.value, reservoir: config.timerReservoir, random: &random)
            case .set:
                if members.count < config.maxSetMembers { members.insert(member) }
            }
        }

        mutating func flush(
            at time: Int, seconds: Double, percentiles: [(value: Double, segment: String)], into samples: inout [Sample]
        ) {
            func write(_ slot: Int, _ value: Double) {
                samples.append(Sample(name: outputs[slot], kind: .gauge, time: time, value: value))
            }
            switch kind {
            case .counter:
                write(0, count)
                write(1, count / seconds)
            case .gauge:
                write(0, level)
            case .timer:
                write(0, count)
                write(1, timer.sum / Double(timer.seen))
                write(2, timer.min)
                write(3, timer.max)
                let sorted = timer.values.sorted()
                for (offset, percentile) in percentiles.enumerated() {
                    write(4 + offset, Percentiles.nearestRank(sorted, percentile.value))
                }
                timer = TimerStep()  // not removeAll(keepingCapacity:): a burst must not pin memory
            case .set:
                write(0, Double(members.count))
                members = []
            }
            count = 0
            hasData = false
            lastData = time
        }

        func flushIdle(at time: Int, config: StatsDAggregation, into samples: inout [Sample]) {
            func write(_ slot: Int, _ value: Double) {
                samples.append(Sample(name: outputs[slot], kind: .gauge, time: time, value: value))
            }
            switch kind {
            case .counter where config.idleCounters == .zero:
                write(0, 0)
                write(1, 0)
            case .timer where config.idleTimers == .zero:
                write(0, 0)
            case .set where config.idleSets == .zero:
                write(0, 0)
            case .gauge where config.gaugeKeep:
                write(0, level)
            default:
                break
            }
        }
    }

    /// A timer's values in the running step.
    struct TimerStep: Sendable {
        /// Raw values, or a uniform sample of them once more than the reservoir arrived.
        var values: [Double] = []
        /// Raw values received.
        var seen = 0
        var sum = 0.0
        var min = Double.infinity
        var max = -Double.infinity

        mutating func add(_ value: Double, reservoir: Int, random: inout SplitMix64) {
            let reservoir = Swift.max(reservoir, 1)
            seen += 1
            sum += value
            min = Swift.min(min, value)
            max = Swift.max(max, value)
            if values.count < reservoir {
                values.append(value)
            } else {
                // Algorithm R: the n-th value replaces a kept one with probability reservoir / n.
                let slot = Int(random.next() % UInt64(seen))
                if slot < reservoir { values[slot] = value }
            }
        }
    }
}

/// A small, fast generator for reservoir sampling (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
