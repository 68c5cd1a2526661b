import DeployImpact
import Foundation

/// Four weeks of synthetic series for one web service at a 60 s step, in memory: traffic (200
/// requests/s at the weekday peak) with a daily cycle (quiet nights, an afternoon peak), quieter
/// weekends, slow drifts, Poisson noise with extra variance, occasional unrelated spikes and check outages. The error signals are a
/// 5xx rate (per second), an error counter (per step), a p95 latency and a failing HTTP check.
struct ImpactWorld {
    static let step = 60
    static let days = 28
    static let start = 1_700_006_400  // a Wednesday 00:00 UTC; any fixed time would do
    static var count: Int { days * 86_400 / step }

    var rate: [Double]
    var errors: [Double]
    var latency: [Double]
    var failed: [Double]

    static func time(_ index: Int) -> Int { start + (index + 1) * step }
    static func index(_ time: Int) -> Int { (time - start) / step - 1 }

    /// Requests per second at `index`, without noise.
    static func traffic(_ index: Int) -> Double {
        let seconds = Double(index * step)
        let hour = (seconds / 3_600).truncatingRemainder(dividingBy: 24)
        let day = Int(seconds / 86_400) % 7
        let daily = 0.2 + 0.8 * exp(-pow((hour - 14) / 4.5, 2))
        let weekly = day == 3 || day == 4 ? 0.6 : 1.0  // Saturday, Sunday
        let drift = 1 + 0.15 * sin(seconds / (17 * 86_400) * 2 * .pi) + 0.1 * seconds / Double(days * 86_400)
        return 200 * daily * weekly * drift
    }

    /// Multipliers of the expected 5xx rate, error count and latency (1 = no effect); the
    /// injected regressions set them before the noise is drawn, so an injected error rate
    /// gets Poisson noise like any other.
    struct Effects {
        var rate = [Double](repeating: 1, count: ImpactWorld.count)
        var errors = [Double](repeating: 1, count: ImpactWorld.count)
        var latency = [Double](repeating: 1, count: ImpactWorld.count)
    }

    init(effects: Effects, random: inout BenchRandom) {
        let n = Self.count
        rate = []; errors = []; latency = []; failed = []
        rate.reserveCapacity(n); errors.reserveCapacity(n); latency.reserveCapacity(n); failed.reserveCapacity(n)
        for index in 0..<n {
            let traffic = Self.traffic(index)
            let extra = exp(0.2 * random.normal())  // variance beyond Poisson: bursts of bad requests
            rate.append(Double(random.poisson(traffic * 60 * 0.001 * extra * effects.rate[index])) / 60)
            errors.append(Double(random.poisson(traffic * 60 * 0.0005 * exp(0.2 * random.normal()) * effects.errors[index])))
            latency.append((0.12 + 0.1 * traffic / 200) * exp(0.08 * random.normal()) * effects.latency[index])
            failed.append(random.next() < 0.003 ? 1 : 0)
        }
        // Unrelated trouble: about one spike a day per signal (1-4 min, 3-10x; latency 1.5-3x),
        // and a check outage (2-6 min) every third day.
        for _ in 0..<Self.days {
            Self.spike(&rate, at: random.int(n), length: 1 + random.int(4), factor: 3 + 7 * random.next())
            Self.spike(&errors, at: random.int(n), length: 1 + random.int(4), factor: 3 + 7 * random.next())
            Self.spike(&latency, at: random.int(n), length: 1 + random.int(4), factor: 1.5 + 1.5 * random.next())
        }
        for _ in 0..<(Self.days / 3) {
            let at = random.int(n), length = 2 + random.int(5)
            for index in at..<min(n, at + length) { failed[index] = 1 }
        }
    }

    static func spike(_ series: inout [Double], at: Int, length: Int, factor: Double) {
        for index in at..<min(series.count, at + length) { series[index] *= factor }
    }

    /// The points a caller would fetch for one deploy: the baseline and after windows now, one
    /// day and one week earlier.
    func signals(for deploy: Int, windows: ImpactWindows) -> [SignalSeries] {
        let named: [(String, SignalKind, [Double])] = [
            ("app.web.http.5xx", .rate, rate), ("app.web.errors", .count, errors),
            ("app.web.latency.p95", .level, latency), ("checks.web.http.failed", .failure, failed),
        ]
        return named.map { name, kind, values in
            var points: [SeriesPoint] = []
            for lag in [7 * 86_400, 86_400, 0] {
                let first = max(0, Self.index(deploy - lag - windows.before) + 1)
                let last = min(values.count - 1, Self.index(deploy - lag + windows.after))
                guard first <= last else { continue }
                for index in first...last { points.append(SeriesPoint(time: Self.time(index), value: values[index])) }
            }
            return SignalSeries(metric: name, kind: kind, points: points)
        }
    }
}

/// SplitMix64 with the few distributions the generator needs; fixed seed, same run every time.
struct BenchRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> Double { Double(nextBits() >> 11) / Double(1 << 53) }
    mutating func int(_ bound: Int) -> Int { Int(nextBits() % UInt64(bound)) }

    mutating func normal() -> Double {
        let u = max(next(), 1e-300), v = next()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var product = next(), count = 0
        while product > limit { product *= next(); count += 1 }
        return count
    }
}
