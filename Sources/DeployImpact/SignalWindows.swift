/// The values of one signal in the windows the detector compares. Windows are half-open on the
/// left, `(from, to]`, because a point stamped `t` covers the step that ends at `t`.
struct SignalWindows {
    let points: [SeriesPoint]
    /// The series' step: the most common spacing of its points.
    let step: Int

    init?(_ points: [SeriesPoint]) {
        let sorted = points.sorted { $0.time < $1.time }
        guard let step = Self.commonSpacing(sorted.map(\.time)) else { return nil }
        self.points = sorted
        self.step = step
    }

    /// Values beyond this size are taken as garbage (missing): sums and z-scores stay finite.
    static let maxMagnitude = 1e12

    /// Present values in `(from, to]`, or nil when fewer than `coverage` of its steps have one.
    /// The step is the window's own (an older window may come from a coarser archive).
    func values(from: Int, to: Int, coverage: Double) -> [Double]? {
        let inside = points.filter { $0.time > from && $0.time <= to }
        let found = inside.compactMap(\.value).filter { $0.isFinite && abs($0) <= Self.maxMagnitude }
        let step = Self.commonSpacing(inside.map(\.time)) ?? self.step
        let steps = max(1, (to - from) / step)
        return !found.isEmpty && Double(found.count) >= coverage * Double(steps) ? found : nil
    }

    /// The most common gap between consecutive times (the smaller on a tie); nil for fewer than two.
    static func commonSpacing(_ times: [Int]) -> Int? {
        var spacings: [Int: Int] = [:]
        for (a, b) in zip(times, times.dropFirst()) where b > a { spacings[b - a, default: 0] += 1 }
        return spacings.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
