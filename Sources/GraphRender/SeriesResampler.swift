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

    /// One point per step in `(start, end]`; rows outside are ignored.
    func points(_ rows: FetchResult, _ cf: Consolidation) -> [SeriesData.Point] {
        var buckets = [[Double?]](repeating: [], count: count)
        for (index, value) in rows.values.enumerated() {
            let time = rows.time(ofRow: index)
            let bucket = (time - start + step - 1) / step - 1
            guard buckets.indices.contains(bucket) else { continue }
            buckets[bucket].append(value.flatMap { $0.isFinite ? $0 : nil })
        }
        let rowsPerPoint = rows.step > 0 ? max(1, step / rows.step) : 1
        return buckets.enumerated().map { index, values in
            SeriesData.Point(time: start + (index + 1) * step, value: Self.consolidate(values, cf, expected: rowsPerPoint))
        }
    }

    /// Rows missing from a bucket (outside the fetched range) count as unknown.
    static func consolidate(_ values: [Double?], _ cf: Consolidation, expected: Int) -> Double? {
        let known = values.compactMap { $0 }
        guard !known.isEmpty, known.count * 2 >= max(expected, values.count) else { return nil }
        switch cf {
        case .average: return known.reduce(0, +) / Double(known.count)
        case .min: return known.min()
        case .max: return known.max()
        case .last: return known.last
        }
    }

    static func count(start: Int, end: Int, step: Int) -> Int {
        ((end + step - 1) / step * step - start / step * step) / step
    }

    private static func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }
    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
