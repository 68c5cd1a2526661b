/// Series brought to one step and one time grid before they are combined, as Graphite's
/// `normalize` does: the common step is the least common multiple of the steps, each series is
/// consolidated to it by averaging, and the grid spans all series (missing points are nil).
/// Unlike Graphite, points are matched by time, not by position.
public enum SeriesAlignment {
    /// The common step, the grid's first time, and each series' values on the grid.
    public static func align(_ series: [GraphiteSeries]) -> (start: Int, step: Int, rows: [[Double?]]) {
        guard let first = series.first else { return (0, 1, []) }
        // Steps without a small common multiple (a summarize by 7s and by 1d) meet at the largest.
        let step = series.map(\.step).reduce(first.step) { lcm($0, $1) ?? max($0, $1) }
        let consolidated = series.map { $0.consolidated(to: step) }
        let start = consolidated.map(\.start).min() ?? 0
        let end = consolidated.map(\.end).max() ?? start
        let count = max(0, (end - start) / step)
        let rows = consolidated.map { one in
            var row = [Double?](repeating: nil, count: count)
            for (index, value) in one.values.enumerated() {
                let slot = (one.time(index) - start) / step
                if slot >= 0, slot < count { row[slot] = value }
            }
            return row
        }
        return (start, step, rows)
    }

    /// Graphite's consolidation for `maxDataPoints`: more points than `maxPoints` are averaged
    /// into buckets of a whole number of points; a leading bucket that only part of the series
    /// falls in is dropped (Graphite's "nudge"), so every point averages a full bucket.
    public static func fit(_ series: GraphiteSeries, maxPoints: Int, _ aggregate: Aggregate = .average) -> GraphiteSeries {
        guard maxPoints > 0, series.values.count > maxPoints else { return series }
        let perPoint = (series.values.count + maxPoints - 1) / maxPoints
        var result = series.consolidated(to: series.step * perPoint, aggregate)
        let firstBucketPoints = (result.start - series.start) / series.step + 1
        if firstBucketPoints < perPoint, result.values.count > 1 {
            result.values.removeFirst()
            result.start += result.step
        }
        return result
    }

    /// nil past ten years.
    static func lcm(_ a: Int, _ b: Int) -> Int? {
        let (product, overflow) = (a / gcd(a, b)).multipliedReportingOverflow(by: b)
        return overflow || product > 3_653 * 86_400 ? nil : product
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }
}
