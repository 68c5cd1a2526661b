import RRD

/// Renders graph specs to PNG through librrd, on the RRD engine's one thread.
public enum GraphRenderer {
    /// The PNG bytes of `spec` drawn from the RRD files under `dataDirectory`, with `events` on
    /// the timeline. Throws ``GraphError/missingMetric(_:path:)`` for a metric without a file and
    /// ``GraphError/librrd(_:)`` when librrd refuses (for example a LAST graph of a file that
    /// keeps no LAST archive).
    public static func png(_ spec: GraphSpec, dataDirectory: String, events: [TimelineEvent] = [],
                           engine: RRDEngine = .shared) async throws(GraphError) -> [UInt8] {
        let arguments = try GraphArguments.make(spec, dataDirectory: dataDirectory, events: events)
        do {
            return try await engine.graph(arguments).image
        } catch let error as RRDError {
            throw .librrd(error.message)
        } catch {
            throw .librrd("\(error)")
        }
    }
}
