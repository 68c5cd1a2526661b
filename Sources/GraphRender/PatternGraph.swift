import MetricStore

/// A quick graph of every metric matching some patterns, one line each: what `metrics graph`
/// draws and what an ad-hoc `/render?pattern=...` will.
public enum PatternGraph {
    /// The spec for the metrics under `dataDirectory` matching `patterns`, over `start...end`.
    /// Throws ``GraphError/noMatchingMetrics(_:)`` when nothing matches and
    /// ``GraphError/tooManySeries(_:)`` past ``GraphLimits/maxSeries`` matches; other bounds are
    /// checked as for any spec.
    public static func spec(patterns: [MetricPattern], dataDirectory: String, start: Int, end: Int,
                            width: Int = 800, height: Int = 250, theme: GraphTheme = .light,
                            title: String? = nil) throws(GraphError) -> GraphSpec {
        let names = MetricCatalog.names(matching: patterns, dataDirectory: dataDirectory)
        guard !names.isEmpty else { throw .noMatchingMetrics(patterns.map(\.text)) }
        guard names.count <= GraphLimits.maxSeries else { throw .tooManySeries(names.count) }
        let spec = GraphSpec(series: names.map { GraphSeries(metric: $0) }, start: start, end: end,
                             title: title ?? defaultTitle(patterns, names), width: width, height: height, theme: theme)
        try spec.validate()
        return spec
    }

    /// The single metric's name, or the patterns, cut to the title limit.
    private static func defaultTitle(_ patterns: [MetricPattern], _ names: [MetricName]) -> String {
        let text = names.count == 1 ? names[0].rawValue : patterns.map(\.text).joined(separator: " ")
        guard text.count > GraphLimits.titleLength else { return text }
        return String(text.prefix(GraphLimits.titleLength - 1)) + "…"
    }
}
