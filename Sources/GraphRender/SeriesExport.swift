import Foundation
import MetricStore
import RRD

/// One metric to export and the archive to read it from.
public struct SeriesRequest: Sendable, Equatable {
    public var metric: MetricName
    public var cf: Consolidation
    /// Set: the series is `aggregate` of `members` at each point, named `name`.
    public var aggregate: SeriesAggregate?
    public var members: [MetricName] = []
    public var name: String?

    public init(metric: MetricName, cf: Consolidation = .average) {
        self.metric = metric
        self.cf = cf
    }

    /// The request for a graph series (an aggregate keeps its members and legend).
    public init(_ series: GraphSeries) {
        self.init(metric: series.metric, cf: series.consolidation)
        aggregate = series.aggregate
        members = series.members
        name = series.aggregate == nil ? nil : series.legendText
    }

    var readMetrics: [MetricName] { aggregate == nil ? [metric] : members }
}

/// Metric series as ``SeriesData`` (JSON), at a resolution that fits a number of points.
public enum SeriesExport {
    /// Reads each metric over `start...end` and returns at most `maxPoints` points per series on
    /// one common step. librrd picks the archive closest to the wanted resolution; when that is
    /// finer than needed (or the series' steps differ), points are consolidated here with the
    /// series' own function. `events` overlapping the range are passed through.
    public static func data(_ requests: [SeriesRequest], start: Int, end: Int, maxPoints: Int, dataDirectory: String,
                            events: [TimelineEvent] = [], engine: RRDEngine = .shared) async throws(GraphError) -> SeriesData {
        try GraphSpec.validateRange(start: start, end: end)
        guard GraphLimits.maxPoints.contains(maxPoints) else { throw .maxPointsOutOfBounds(maxPoints) }
        guard requests.count <= GraphLimits.maxSeries else { throw .tooManySeries(requests.count) }
        for request in requests where request.aggregate != nil && !(1...SeriesAggregate.maxMembers).contains(request.members.count) {
            throw .invalid(field: "series \(request.metric)", reason: "an aggregate combines 1 to \(SeriesAggregate.maxMembers) metrics")
        }
        // Every metric read, aggregates' members included, in request order.
        let reads = requests.flatMap { request in request.readMetrics.map { SeriesRequest(metric: $0, cf: request.cf) } }
        let files = try MetricFiles(dataDirectory: dataDirectory)
        var paths: [String] = []
        for read in reads { paths.append(try files.existingPath(read.metric)) }
        let fetched = try await fetch(reads, paths, start: start, end: end, resolution: (end - start + maxPoints - 1) / maxPoints, engine)
        let grid = SeriesResampler(start: start, end: end, fetchedSteps: fetched.map(\.step), maxPoints: maxPoints)
        var next = 0
        let series = requests.map { request in
            let count = request.readMetrics.count
            let members = fetched[next..<(next + count)].map { grid.points($0, request.cf) }
            next += count
            let points = request.aggregate.map { combine(members, $0) } ?? members[0]
            return SeriesData.Series(name: request.name ?? request.metric.rawValue, cf: request.cf, points: points, summary: .init(points))
        }
        let shown = events.filter { $0.overlaps(start: grid.start, end: grid.end) }.sorted { $0.start < $1.start }
        return SeriesData(start: grid.start, end: grid.end, step: grid.step, series: series, events: shown)
    }

    /// The series of a graph spec, over the spec's time range.
    public static func data(for spec: GraphSpec, maxPoints: Int, dataDirectory: String,
                            events: [TimelineEvent] = [], engine: RRDEngine = .shared) async throws(GraphError) -> SeriesData {
        let requests = spec.series.map(SeriesRequest.init)
        return try await data(requests, start: spec.start, end: spec.end, maxPoints: maxPoints,
                              dataDirectory: dataDirectory, events: events, engine: engine)
    }

    /// ``data(_:start:end:maxPoints:dataDirectory:events:engine:)`` encoded as UTF-8 JSON.
    public static func json(_ requests: [SeriesRequest], start: Int, end: Int, maxPoints: Int, dataDirectory: String,
                            events: [TimelineEvent] = [], engine: RRDEngine = .shared) async throws(GraphError) -> [UInt8] {
        let data = try await data(requests, start: start, end: end, maxPoints: maxPoints,
                                  dataDirectory: dataDirectory, events: events, engine: engine)
        return try data.json()
    }

    /// The members' points combined point by point (they share the grid).
    static func combine(_ members: [[SeriesData.Point]], _ aggregate: SeriesAggregate) -> [SeriesData.Point] {
        members[0].indices.map { index in
            SeriesData.Point(time: members[0][index].time, value: aggregate.combine(members.map { $0[index].value }))
        }
    }

    /// All fetches in one hop to the librrd thread.
    private static func fetch(_ requests: [SeriesRequest], _ paths: [String], start: Int, end: Int, resolution: Int,
                              _ engine: RRDEngine) async throws(GraphError) -> [FetchResult] {
        do {
            return try await engine.run { session in
                try zip(requests, paths).map { request, path in
                    do {
                        return try session.fetch(path, request.cf, start: start, end: end, resolution: resolution)
                    } catch let error as RRDError {
                        throw GraphError.librrd("\(request.metric): \(error.message)")
                    }
                }
            }
        } catch let error as GraphError {
            throw error
        } catch {
            throw .librrd("\(error)")
        }
    }
}

extension SeriesData {
    /// UTF-8 JSON in the documented shape, keys sorted so that equal data gives equal bytes (for
    /// caches and tests). `/` stays escaped (`<\/script>`), so the JSON can sit inside an HTML
    /// page. Values are finite or null, so encoding cannot fail on NaN.
    public func json() throws(GraphError) -> [UInt8] {
        encodedJSON()
    }
}
