/// One series as Graphite functions see it: a name, and values on a regular step. Point `i` is
/// at `start + i * step`; as in rrdtool, a point's time is the *end* of the interval it
/// summarises. Values are finite or nil (unknown).
public struct GraphiteSeries: Sendable, Equatable {
    /// What the series is called in the answer (`target`), changed by functions and aliases.
    public var name: String
    /// The path expression it came from; aggregate names are built from these, as in Graphite.
    public var pathExpression: String
    /// Graphite 1.1's tags: `name` is the metric for fetched series.
    public var tags: [String: String]
    public var start: Int
    public var step: Int
    public var values: [Double?]

    public init(name: String, pathExpression: String? = nil, tags: [String: String]? = nil, start: Int, step: Int, values: [Double?]) {
        self.name = name
        self.pathExpression = pathExpression ?? name
        self.tags = tags ?? ["name": name]
        self.start = start
        self.step = max(1, step)
        self.values = values.map { $0.flatMap { $0.isFinite ? $0 : nil } }
    }

    /// Time just after the last point.
    public var end: Int { start + values.count * step }
    public func time(_ index: Int) -> Int { start + index * step }

    /// A copy renamed by a function: the new name becomes its path expression too.
    func renamed(_ newName: String, values newValues: [Double?]? = nil) -> GraphiteSeries {
        var copy = self
        copy.name = newName
        copy.pathExpression = newName
        if let newValues { copy.values = newValues.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        return copy
    }

    /// The values consolidated to `newStep` by `aggregate` over each bucket's known values.
    /// Buckets end at `origin + k * newStep` (multiples of `newStep` by default), so series
    /// consolidated to the same step line up. A bucket with no known value is nil (Graphite's
    /// xFilesFactor 0). `force` buckets even when `newStep` is not larger than the step (summarize).
    public func consolidated(to newStep: Int, _ aggregate: Aggregate = .average, origin: Int = 0, force: Bool = false) -> GraphiteSeries {
        guard newStep > 0, force || newStep > step, !values.isEmpty else { return self }
        let firstBucket = Self.bucketEnd(start - origin, newStep) + origin
        let count = (Self.bucketEnd(time(values.count - 1) - origin, newStep) + origin - firstBucket) / newStep + 1
        var buckets = [[Double]](repeating: [], count: count)
        for (index, value) in values.enumerated() {
            if let value { buckets[(Self.bucketEnd(time(index) - origin, newStep) + origin - firstBucket) / newStep].append(value) }
        }
        var copy = self
        copy.start = firstBucket
        copy.step = newStep
        copy.values = buckets.map { aggregate.apply($0) }
        return copy
    }

    /// The end of the bucket of `newStep` seconds holding the point at `time` (a point at a
    /// multiple of the step closes that bucket).
    static func bucketEnd(_ time: Int, _ step: Int) -> Int {
        let floor = time >= 0 ? time / step * step : -((-time + step - 1) / step) * step
        return floor == time ? time : floor + step
    }
}

/// How a bucket of known values becomes one value.
public enum Aggregate: String, Sendable, CaseIterable {
    case sum, average = "avg", max, min, last

    /// nil for an empty bucket.
    public func apply(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch self {
        case .sum: return values.reduce(0, +)
        case .average: return values.reduce(0, +) / Double(values.count)
        case .max: return values.max()
        case .min: return values.min()
        case .last: return values.last
        }
    }

    /// Graphite's names for the summarize/consolidateBy function argument.
    public init?(graphiteName: String) {
        switch graphiteName.lowercased() {
        case "sum", "total": self = .sum
        case "avg", "average": self = .average
        case "max": self = .max
        case "min": self = .min
        case "last": self = .last
        default: return nil
        }
    }
}
