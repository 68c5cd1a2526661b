import Foundation

/// The few statistics the detector needs, on plain arrays (no NaN: callers drop missing values).
enum RobustStatistics {
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median absolute deviation scaled by 1.4826, which estimates the standard deviation
    /// of normal noise but ignores outliers (up to half the points).
    static func robustSpread(_ values: [Double]) -> Double {
        let center = median(values)
        return 1.4826 * median(values.map { abs($0 - center) })
    }

    /// `values` without up to `count` of their largest, each dropped only while it stands apart:
    /// further above the next largest than that one is above the median. An unrelated spike of
    /// a step or two goes; a burst or ramp, whose top points sit together, stays.
    static func droppingIsolatedTop(_ values: [Double], count: Int) -> [Double] {
        var sorted = values.sorted()
        let center = median(values)
        for _ in 0..<count where sorted.count >= 3 {
            let top = sorted[sorted.count - 1], next = sorted[sorted.count - 2]
            guard top - next > next - center else { break }
            sorted.removeLast()
        }
        return sorted
    }

    /// P(Z >= z) for a standard normal Z.
    static func normalUpperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// The z with P(Z >= z) = p (bisection; p is clamped to what a Double can tell apart).
    static func normalQuantile(upperTail p: Double) -> Double {
        let p = min(max(p, 1e-300), 1 - 1e-16)
        var low = -40.0, high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if normalUpperTail(middle) > p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// P(X >= k) for X ~ Binomial(n, p), summed in log space from k upwards until the terms
    /// no longer matter, so small p-values do not underflow to 0 early; above 200,000 trials the
    /// normal approximation (at most 200,000 terms are ever summed).
    static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n, p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        if n > 200_000 {  // normal approximation with continuity correction: bounded work
            let mean = Double(n) * p, spread = (mean * (1 - p)).squareRoot()
            return normalUpperTail((Double(k) - 0.5 - mean) / spread)
        }
        let logP = log(p), logQ = log1p(-p)
        func logFactorial(_ m: Int) -> Double {
            let value: Double = lgamma(Double(m) + 1)
            return value
        }
        let logFactorialN = logFactorial(n)
        func logTerm(_ i: Int) -> Double {
            logFactorialN - logFactorial(i) - logFactorial(n - i) + Double(i) * logP + Double(n - i) * logQ
        }
        let first = logTerm(k)
        var sum = 0.0
        let mode = Double(n + 1) * p
        for i in k...n {
            let term = exp(logTerm(i) - first)
            sum += term
            if Double(i) > mode && term < 1e-17 * sum { break }
        }
        return min(1, exp(first + log(sum)))
    }
}
