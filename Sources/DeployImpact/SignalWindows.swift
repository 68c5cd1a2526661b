/// The values of one signal in the windows the detector compares. Windows are half-open on the
/// left, `(from, to]`, because a point stamped `t` covers the step that ends at `t`.
struct SignalWindows {
    let points: [SeriesPoint]
    /// The series' step: the most common spacing of its points.
    let step: Int

    init?(_ points: [SeriesPoint]) {
        let sorted = points.sorted { $0.time < $1.time }
        var spacings: [Int: Int] = [:]
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.time > a.time { spacings[b.time - a.time, default: 0] += 1 }
        guard let step = spacings.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else { return nil }
        self.points = sorted
        self.step = step
    }

    /// Present values in `(from, to]`, or nil when fewer than `coverage` of its steps have one.
    func values(from: Int, to: Int, coverage: Double) -> [Double]? {
        let values = points.lazy.filter { $0.time > from && $0.time <= to }.compactMap(\.value).filter(\.isFinite)
        let steps = max(1, (to - from) / step)
        let found = Array(values)
        return Double(found.count) >= coverage * Double(steps) && !found.isEmpty ? found : nil
    }
}
