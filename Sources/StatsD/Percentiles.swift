/// Nearest-rank percentiles, the method etsy statsd uses for `upper_90`: the p-th percentile of n
/// sorted values is the value at rank ⌈p/100 × n⌉ (1-based), so it is always one of the values
/// received, never an interpolation between two of them.
enum Percentiles {
    /// `sorted` ascending and not empty; `percentile` in (0, 100].
    static func nearestRank(_ sorted: [Double], _ percentile: Double) -> Double {
        // p·n/100 is an integer whenever the rank is exact (99.9 × 1000 / 100); the slack keeps
        // binary rounding of p from pushing such a product just above it and a rank too far.
        let position = percentile * Double(sorted.count) / 100
        let rank = Int((position * (1 - 1e-12)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func isValid(_ percentile: Double) -> Bool {
        percentile > 0 && percentile <= 100
    }

    /// The name segment of a percentile: `p50`, `p99_9`.
    static func segment(_ percentile: Double) -> String {
        if percentile == percentile.rounded() { return "p" + String(Int(percentile)) }
        return "p" + String(percentile).replacingOccurrences(".", "_")
    }
}

private extension String {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
