import GraphRender
import MetricStore
import RRD

/// `metrics query` on a data directory: patterns expanded over the stored files, series read in
/// batches through `SeriesExport`, a file that cannot be read reported and skipped.
public struct LocalQuery: Sendable {
    public var patterns: [String]
    public var start: Int
    public var end: Int
    /// Seconds per point wanted; nil for the finest the files hold (within the point budget).
    public var step: Int?
    public var cf: Consolidation
    /// Metrics shown at most (the rest are counted as omitted).
    public var limit: Int

    /// Points held at once across all series: bounds memory for 10,000 metrics over 10 years.
    public static let pointBudget = 2_000_000

    public init(patterns: [String], start: Int, end: Int, step: Int? = nil, cf: Consolidation = .average, limit: Int = 100) {
        self.patterns = patterns
        self.start = start
        self.end = end
        self.step = step
        self.cf = cf
        self.limit = limit
    }

    public enum Outcome: Sendable, Equatable {
        case result(QueryResult)
        /// Nothing matched; the stored names closest to the patterns.
        case noMatch(suggestions: [String])
    }

    public func run(dataDirectory: String, events: [TimelineEvent] = []) async throws(QueryError) -> Outcome {
        var globs: [MetricPattern] = []
        for pattern in patterns {
            do { globs.append(try MetricPattern(pattern)) } catch { throw .badPattern(pattern, "\(error)") }
        }
        let matched = MetricCatalog.names(matching: globs, dataDirectory: dataDirectory)
        guard !matched.isEmpty else {
            let all = MetricCatalog.names(matching: [try! MetricPattern("**")], dataDirectory: dataDirectory).map(\.rawValue)
            return .noMatch(suggestions: NearestNames.closest(to: patterns, among: all))
        }
        let shown = Array(matched.prefix(limit))
        let maxPoints = try pointsPerSeries(series: shown.count)
        var series: [SeriesData.Series] = [], failures: [String: String] = [:]
        var grid: (start: Int, end: Int, step: Int)?
        for batch in stride(from: 0, to: shown.count, by: GraphLimits.maxSeries).map({ Array(shown[$0..<min($0 + GraphLimits.maxSeries, shown.count)]) }) {
            for outcome in await read(batch, maxPoints: maxPoints, dataDirectory: dataDirectory) {
                switch outcome {
                case .success(let data):
                    grid = grid ?? (data.start, data.end, data.step)
                    series += data.series
                case .failure(let name, let why):
                    failures[name] = why
                }
            }
        }
        let range = grid ?? (start, end, step ?? 1)
        let shownEvents = events.filter { $0.overlaps(start: range.start, end: range.end) }.sorted { $0.start < $1.start }
        let data = SeriesData(start: range.start, end: range.end, step: range.step, series: series, events: shownEvents)
        return .result(QueryResult(patterns: patterns, data: data, units: UnitCatalog.load(dataDirectory: dataDirectory),
                                   failures: failures, omitted: matched.count - shown.count))
    }

    /// `--step` turned into points, or the most the budget allows.
    public func pointsPerSeries(series: Int) throws(QueryError) -> Int {
        let budget = min(GraphLimits.maxPoints.upperBound, Self.pointBudget / max(series, 1))
        guard let step else { return max(budget, 1) }
        let wanted = (end - start + step - 1) / step
        guard wanted <= budget else { throw .tooManyPoints(wanted: wanted, most: budget) }
        return max(wanted, 1)
    }

    enum ReadOutcome {
        case success(SeriesData)
        case failure(String, String)
    }

    /// One batch in one call; if it fails, each metric alone, so one corrupt file costs one row.
    func read(_ names: [MetricName], maxPoints: Int, dataDirectory: String) async -> [ReadOutcome] {
        do {
            return [.success(try await SeriesExport.data(names.map { SeriesRequest(metric: $0, cf: cf) }, start: start, end: end,
                                                          maxPoints: maxPoints, dataDirectory: dataDirectory))]
        } catch {
            guard names.count > 1 else { return [.failure(names[0].rawValue, "\(error)")] }
            var outcomes: [ReadOutcome] = []
            for name in names { outcomes += await read([name], maxPoints: maxPoints, dataDirectory: dataDirectory) }
            return outcomes
        }
    }
}
