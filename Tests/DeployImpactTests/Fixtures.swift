import DeployImpact

/// A deploy at noon of day 30, judged an hour later; series at a 60 s step.
enum Fixture {
    static let deploy = 30 * 86_400 + 12 * 3_600
    static let now = deploy + 3_600
    static let step = 60

    /// Points stamped every `step` in `(from, to]` with the value `value(t)`.
    static func points(from: Int = deploy - 8 * 86_400, to: Int = deploy + 3_600,
                       _ value: (Int) -> Double?) -> [SeriesPoint] {
        stride(from: from + step, through: to, by: step).map { SeriesPoint(time: $0, value: value($0)) }
    }

    /// A value that is `before` up to the deploy and `after` from then on, times seeded noise.
    static func stepChange(before: Double, after: Double, noise: Double = 0.1, seed: UInt64 = 1) -> [SeriesPoint] {
        var random = SeededRandom(seed)
        return points { t in (t > deploy ? after : before) * (1 + noise * random.symmetric()) }
    }
}

/// xorshift64*: deterministic noise for the tests.
struct SeededRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> Double {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return Double((state &* 2_685_821_657_736_338_717) >> 11) / Double(1 << 53)
    }
    /// Uniform in -1...1.
    mutating func symmetric() -> Double { 2 * next() - 1 }
}
