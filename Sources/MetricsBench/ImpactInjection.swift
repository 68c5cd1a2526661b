/// A change injected after a deploy: its shape, size and the signal it hits.
///
/// `medium` and `large` are regressions, the truth the detector is scored against. `minor`
/// changes stay below the detector's documented minimum effect (1.5x a rate or count, 1.15x a
/// latency, over the judged window): the harmless wiggles a deploy may cause. Calling one a
/// `regression` counts as a false positive; `suspect` is fine.
struct ImpactInjection {
    enum Shape: String, CaseIterable { case step, burst, ramp, latencyShift = "latency" }
    enum Size: String, CaseIterable { case minor, medium, large }

    /// Whether the detector should call it a regression.
    var isRegression: Bool { size != .minor }

    let shape: Shape
    let size: Size
    /// 0: the 5xx rate, 1: the error counter, 2: the latency.
    let signal: Int

    /// The multiplier of each shape and size. Bursts are short, so they are taller; latency
    /// shifts are smaller because latencies move less than error rates.
    var factor: Double {
        switch shape {
        case .step, .ramp: [1.2, 3, 10][sizeIndex]
        case .burst: [2, 6, 20][sizeIndex]
        case .latencyShift: [1.07, 1.4, 2][sizeIndex]
        }
    }

    private var sizeIndex: Int { Size.allCases.firstIndex(of: size)! }

    /// Applies the spike to the world's effects, starting 0-2 minutes after `deploy` and rolled
    /// back after 20-45 minutes, before the next deploy (deploys are at least 70 minutes apart).
    func apply(to world: inout ImpactWorld.Effects, deploy: Int, random: inout BenchRandom) {
        let begin = ImpactWorld.index(deploy) + 1 + random.int(3)
        switch shape {
        case .step: multiply(&world, from: begin, length: 20 + random.int(26)) { _ in factor }
        case .burst: multiply(&world, from: begin + random.int(4), length: 3 + random.int(4)) { _ in factor }
        case .ramp:  // from 1 to the factor over 15 minutes, then held until a rollback
            multiply(&world, from: begin, length: 20 + random.int(26)) { offset in 1 + (factor - 1) * min(1, Double(offset) / 15) }
        case .latencyShift: multiply(&world, from: begin, length: 20 + random.int(26)) { _ in factor }
        }
    }

    private func multiply(_ world: inout ImpactWorld.Effects, from begin: Int, length: Int, _ factor: (Int) -> Double) {
        for index in begin..<min(ImpactWorld.count, begin + length) {
            switch signal {
            case 0: world.rate[index] *= factor(index - begin)
            case 1: world.errors[index] *= factor(index - begin)
            default: world.latency[index] *= factor(index - begin)
            }
        }
    }
}
