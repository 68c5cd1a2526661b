import MetricStore
import RRD

/// Renders graph specs to PNG through librrd, on the RRD engine's one thread.
public enum GraphRenderer {
    /// The PNG bytes of `spec` drawn from the RRD files under `dataDirectory`, with `events` on
    /// the timeline. Throws ``GraphError/missingMetric(_:path:)`` for a metric without a file and
    /// ``GraphError/librrd(_:)`` when librrd refuses (for example a file that is not an RRD).
    public static func png(_ spec: GraphSpec, dataDirectory: String, events: [TimelineEvent] = [],
                           engine: RRDEngine = .shared) async throws(GraphError) -> [UInt8] {
        try await render(spec, dataDirectory: dataDirectory, events: events, engine: engine).png
    }

    /// As ``png(_:dataDirectory:events:engine:)``, with the drawing area's position and time span.
    public static func render(_ spec: GraphSpec, dataDirectory: String, events: [TimelineEvent] = [],
                              engine: RRDEngine = .shared) async throws(GraphError) -> RenderedGraph {
        // Fail on the spec before the hop to the librrd thread.
        let files = try MetricFiles(dataDirectory: dataDirectory)
        try spec.validate()
        var bandFiles: [MetricName: String] = [:]
        for series in spec.series where series.band { bandFiles[series.metric] = try files.existingPath(series.metric) }
        let paths = bandFiles
        do {
            return try await engine.run { session in
                // Band archives come from the files' headers, read in the same hop as the graph.
                var resolutions: [MetricName: Int] = [:]
                for (metric, path) in paths {
                    resolutions[metric] = BandResolution.seconds(in: try session.info(path), start: spec.start)
                }
                let arguments = try GraphArguments.make(spec, dataDirectory: dataDirectory, events: events, bandResolutions: resolutions)
                let output = try session.graph(arguments)
                return RenderedGraph(png: output.image, layout: GraphLayout(info: output.info))
            }
        } catch let error as GraphError {
            throw error
        } catch let error as RRDError {
            throw .librrd(error.message)
        } catch {
            throw .librrd("\(error)")
        }
    }
}
