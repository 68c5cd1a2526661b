import GraphRender
import MetricStore

/// One metric of a panel, with the drawing settings of the pattern it matched.
public struct ExpandedSeries: Sendable, Equatable {
    public var metric: MetricName
    public var settings: PanelSeries
    /// The metrics an aggregate series combines (`metric` is the first); empty otherwise.
    public var members: [MetricName] = []

    public init(metric: MetricName, settings: PanelSeries, members: [MetricName] = []) {
        self.metric = metric
        self.settings = settings
        self.members = members
    }

    /// The graph series drawing it; `legend` is shown when its pattern matched one metric.
    public func graphSeries(showLegend: Bool) -> GraphSeries {
        let settings = self.settings
        guard let aggregate = settings.aggregate else {
            return GraphSeries(metric: metric, consolidation: settings.cf, style: settings.style, stack: settings.stack,
                               color: settings.color, legend: showLegend ? settings.legend : nil,
                               band: settings.band, lastWeek: settings.lastWeek)
        }
        return .aggregate(aggregate, of: members, consolidation: settings.cf, style: settings.style, stack: settings.stack,
                          color: settings.color, legend: settings.legend ?? aggregate.legend(pattern: settings.pattern.text, members: members.count))
    }

    /// The series request of its JSON.
    public var request: SeriesRequest { SeriesRequest(graphSeries(showLegend: true)) }
}

/// A panel's patterns expanded against the stored metrics: every match, in pattern order then
/// name order, each metric once, at most ``GraphLimits/maxSeries``.
public struct PanelExpansion: Sendable, Equatable {
    public var series: [ExpandedSeries]
    /// True when more metrics matched than a graph may hold; the first ones are kept.
    public var truncated: Bool

    public var metrics: [MetricName] { series.map(\.metric) }

    public init(_ panel: Panel, names: [MetricName], limit: Int = GraphLimits.maxSeries) {
        var seen: Set<MetricName> = []
        var result: [ExpandedSeries] = []
        var truncated = false
        outer: for settings in panel.series {
            if settings.aggregate != nil {
                // All the matches make one series (not counted against the graph's limit).
                let members = Array(names.lazy.filter { settings.pattern.matches($0) }.prefix(SeriesAggregate.maxMembers))
                guard let first = members.first else { continue }
                guard result.count < limit else { truncated = true; break outer }
                result.append(ExpandedSeries(metric: first, settings: settings, members: members))
                continue
            }
            for name in names where settings.pattern.matches(name) && !seen.contains(name) {
                guard result.count < limit else {
                    truncated = true
                    break outer
                }
                seen.insert(name)
                result.append(ExpandedSeries(metric: name, settings: settings))
            }
        }
        series = result
        self.truncated = truncated
    }
}

/// A panel drawn as a graph: its expanded series with their settings, the panel's axis, unit
/// and thresholds. A number panel is drawn as a sparkline: no legend, no title.
public enum PanelGraph {
    public static func spec(_ panel: Panel, series: [ExpandedSeries], start: Int, end: Int,
                            width: Int = 600, height: Int = 250, theme: GraphTheme = .light) -> GraphSpec {
        // A legend names one metric: it is used only when its pattern matched exactly one.
        let matches = Dictionary(grouping: series, by: \.settings.pattern.text).mapValues(\.count)
        let graphSeries = series.map { $0.graphSeries(showLegend: matches[$0.settings.pattern.text] == 1) }
        let sparkline = panel.kind == .number
        var spec = GraphSpec(series: graphSeries, start: start, end: end, title: sparkline ? nil : panel.title,
                             verticalLabel: panel.verticalLabel, unit: panel.unit, base: panel.base, thresholds: panel.thresholds,
                             yAxis: panel.yAxis, width: width, height: height, fullSize: true, theme: theme, legend: !sparkline)
        spec.sparkline = sparkline
        return spec
    }

    /// For checking a panel before any metric exists: one stand-in metric per pattern.
    static func spec(_ panel: Panel, metrics: [MetricName], start: Int, end: Int) -> GraphSpec {
        spec(panel, series: zip(metrics, panel.series).map { ExpandedSeries(metric: $0, settings: $1, members: [$0]) }, start: start, end: end)
    }
}
