import Dashboards
import GraphRender
import GraphiteAPI
import MetricStore

/// Graphite's data source over the RRD files: names from the metric index (one directory walk
/// per step), series through `SeriesExport` (one hop to the librrd thread per 50 metrics).
struct GraphiteStoredSource: GraphiteDataSource {
    let index: MetricIndex
    let dataDirectory: String
    /// Points read per series: enough for any `maxDataPoints` Grafana sends, and a bound on
    /// memory (500 series of 5,000 points). Longer ranges are read from coarser archives.
    static let pointsPerSeries = 5_000

    func names(matching glob: PathGlob, limit: Int) async throws(GraphiteError) -> [String] {
        var names: [String] = []
        for name in index.names() where glob.matches(name.rawValue) {
            names.append(name.rawValue)
            if names.count > limit { break }
        }
        return names
    }

    func series(_ names: [String], start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        var result: [GraphiteSeries] = []
        var chunk: [SeriesRequest] = []
        for (position, name) in names.enumerated() {
            guard let metric = try? MetricName(name) else { continue }
            chunk.append(SeriesRequest(metric: metric))
            if chunk.count == GraphLimits.maxSeries || position == names.count - 1 {
                result += try await read(chunk, start: start, end: end)
                chunk = []
            }
        }
        return result
    }

    private func read(_ requests: [SeriesRequest], start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        let data: SeriesData
        do {
            data = try await SeriesExport.data(requests, start: start, end: end, maxPoints: Self.pointsPerSeries, dataDirectory: dataDirectory)
        } catch {
            throw .storage(error.description)
        }
        return data.series.map { series in
            GraphiteSeries(name: series.name, start: series.points.first?.time ?? data.start + data.step, step: data.step,
                           values: series.points.map(\.value))
        }
    }
}
