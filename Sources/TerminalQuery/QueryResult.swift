import GraphRender

/// What `metrics query` shows: the series read (from files or a daemon), their units, and the
/// events in the range.
public struct QueryResult: Sendable, Equatable {
    public var patterns: [String]
    public var data: SeriesData
    /// Unit per metric name (`%`, `B`, `B/s`, `s`, ...); missing means none known.
    public var units: [String: String]
    /// Metrics that matched but could not be read, with why.
    public var failures: [String: String]
    /// Matching metrics left out by the row limit.
    public var omitted: Int

    public init(patterns: [String], data: SeriesData, units: [String: String] = [:], failures: [String: String] = [:], omitted: Int = 0) {
        self.patterns = patterns
        self.data = data
        self.units = units
        self.failures = failures
        self.omitted = omitted
    }
}
