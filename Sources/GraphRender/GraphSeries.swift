import MetricStore
import RRD

/// One metric drawn in a graph.
public struct GraphSeries: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        /// A line of the given width in pixels.
        case line(width: Double)
        /// A filled area from zero (or, stacked, from the series below).
        case area
    }

    public var metric: MetricName
    /// Which archive to read: AVERAGE, MIN, MAX or LAST.
    public var consolidation: Consolidation
    public var style: Style
    /// Drawn on top of the previous series (areas for a total, lines for cumulative values).
    public var stack: Bool
    /// nil takes the theme's palette colour for the series' position.
    public var color: GraphColor?
    /// nil shows the metric name.
    public var legend: String?
    /// Shade the range between the MIN and MAX archives behind the line.
    public var band: Bool
    /// Overlay the same metric one week earlier, dashed and faint.
    public var lastWeek: Bool
    /// Set: the series is `aggregate` of `members` at each point (`metric` is the first member).
    public var aggregate: SeriesAggregate?
    public var members: [MetricName] = []

    public init(metric: MetricName, consolidation: Consolidation = .average, style: Style = .line(width: 2),
                stack: Bool = false, color: GraphColor? = nil, legend: String? = nil,
                band: Bool = false, lastWeek: Bool = false) {
        self.metric = metric
        self.consolidation = consolidation
        self.style = style
        self.stack = stack
        self.color = color
        self.legend = legend
        self.band = band
        self.lastWeek = lastWeek
    }

    /// An aggregate of `members` (at least one), drawn as one series.
    public static func aggregate(_ function: SeriesAggregate, of members: [MetricName], consolidation: Consolidation = .average,
                                 style: Style = .line(width: 2), stack: Bool = false, color: GraphColor? = nil, legend: String? = nil) -> GraphSeries {
        var series = GraphSeries(metric: members[0], consolidation: consolidation, style: style, stack: stack, color: color, legend: legend)
        series.aggregate = function
        series.members = members
        return series
    }

    /// The metrics read: the members of an aggregate, else the metric.
    public var readMetrics: [MetricName] { aggregate == nil ? [metric] : members }

    /// The legend text shown: the given one or the metric name.
    public var legendText: String { legend ?? (aggregate.map { "\($0.rawValue)(\(members.count) metrics)" } ?? metric.rawValue) }
}

/// A horizontal line at a value, e.g. an SLO or a disk-full level.
public struct GraphThreshold: Sendable, Equatable, Codable {
    public var value: Double
    /// nil takes the theme's threshold colour.
    public var color: GraphColor?
    public var label: String?

    public init(value: Double, color: GraphColor? = nil, label: String? = nil) {
        self.value = value
        self.color = color
        self.label = label
    }
}
