import RRD

/// Puts fetched rows onto a common grid of `step` seconds, consolidating several rows per point
/// the way rrdtool does: a point is known when at least half of its rows are (xff 0.5).
struct SeriesResampler {
    let start: Int
    let end: Int
    let step: Int

    /// The coarsest needed step: a multiple of every fetched step (so rows never straddle two
    /// points) and large enough that `(start, end]` holds at most `maxPoints` points.
    init(start: Int, end: Int, fetchedSteps: [Int], maxPoints: Int) {
        let base = fetchedSteps.reduce(1) { Self.lcm($0, max($1, 1)) }
        let wanted = (end - start + maxPoints - 1) / maxPoints
        var step = max(base, (wanted + base - 1) / base * base)
        while Self.count(start: start, end: end, step: step) > maxPoints { step += base }
        self.step = step
        self.start = start / step * step
        self.end = (end + step - 1) / step * step
    }

    var count: Int { (end - start) / step }

    /// One point per step in `(start, end]`; rows outside are ignored. Running aggregates per
    /// point, not an array of rows each: a day of 10 s rows is 8,640 points per series.
    func points(_ rows: FetchResult, _ cf: Consolidation) -> [SeriesData.Point] {
        let values = rows.values
        if rows.step == step, rows.start == start, values.count == count {  // one row per point
            return values.indices.map { SeriesData.Point(time: start + ($0 + 1) * step, value: values[$0].flatMap { $0.isFinite ? $0 : nil }) }
        }
        var buckets = [Bucket](repeating: Bucket(), count: count)
        for (index, value) in values.enumerated() {
            let time = rows.time(ofRow: index)
            let bucket = (time - start + step - 1) / step - 1
            guard bucket >= 0, bucket < buckets.count else { continue }
            buckets[bucket].add(value.flatMap { $0.isFinite ? $0 : nil })
        }
        let rowsPerPoint = rows.step > 0 ? max(1, step / rows.step) : 1
        var points: [SeriesData.Point] = []
        points.reserveCapacity(buckets.count)
        for index in buckets.indices {
            points.append(SeriesData.Point(time: start + (index + 1) * step, value: buckets[index].value(cf, expected: rowsPerPoint)))
        }
        return points
    }

    /// The rows of one point: counts, sum, extremes and the last known value.
    struct Bucket {
        var rows = 0
        var known = 0
        var sum = 0.0
        var min = Double.infinity
        var max = -Double.infinity
        var last: Double?

        mutating func add(_ value: Double?) {
            rows += 1
            guard let value else { return }
            known += 1
            sum += value
            min = Swift.min(min, value)
            max = Swift.max(max, value)
            last = value
        }

        /// Rows missing from a point (outside the fetched range) count as unknown (xff 0.5).
        func value(_ cf: Consolidation, expected: Int) -> Double? {
            guard known > 0, known * 2 >= Swift.max(expected, rows) else { return nil }
            switch cf {
            case .average: return sum / Double(known)
            case .min: return min
            case .max: return max
            case .last: return last
            }
        }
    }

    static func count(start: Int, end: Int, step: Int) -> Int {
        ((end + step - 1) / step * step - start / step * step) / step
    }

    private static func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }
    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
