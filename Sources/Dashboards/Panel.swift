import GraphRender
import MetricStore
import RRD

/// One cell of a dashboard's grid.
public struct Panel: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A graph of the series.
        case graph
        /// One big number (the first series' latest value) with a sparkline, coloured by thresholds.
        case number
        /// Text, shown escaped (plain text with markdown-ish line breaks).
        case text
    }

    /// Unique in the dashboard: `[a-z0-9-]`, from the file or derived from the title or position.
    public var id: String
    public var kind: Kind
    public var title: String?
    /// In grid columns and rows.
    public var width: Int
    public var height: Int
    /// For text panels.
    public var text: String?
    public var series: [PanelSeries]
    public var unit: String?
    public var base: GraphSpec.UnitBase
    public var thresholds: [GraphThreshold]
    public var yAxis: GraphSpec.YAxis
    public var verticalLabel: String?
    /// Nil: the dashboard's filter.
    public var events: EventFilter?
    /// One copy of the panel per host (or any segment value); see ``PanelRepeat``.
    public var `repeat`: PanelRepeat?

    public init(id: String, kind: Kind, title: String? = nil, width: Int = 6, height: Int = 2, text: String? = nil,
                series: [PanelSeries] = [], unit: String? = nil, base: GraphSpec.UnitBase = .decimal,
                thresholds: [GraphThreshold] = [], yAxis: GraphSpec.YAxis = .init(), verticalLabel: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.width = width
        self.height = height
        self.text = text
        self.series = series
        self.unit = unit
        self.base = base
        self.thresholds = thresholds
        self.yAxis = yAxis
        self.verticalLabel = verticalLabel
    }
}

/// A metric pattern in a panel and how its metrics are drawn; every matching metric becomes one
/// ``GraphSeries`` with these settings.
public struct PanelSeries: Sendable, Equatable {
    public var pattern: MetricPattern
    public var cf: Consolidation
    public var style: GraphSeries.Style
    public var stack: Bool
    public var color: GraphColor?
    /// Used as given when the pattern matches one metric; otherwise the metric name is shown.
    public var legend: String?
    public var band: Bool
    public var lastWeek: Bool
    /// Set: every metric the pattern matches is combined into one series (sum, avg, max, min).
    public var aggregate: SeriesAggregate?
    /// The pattern as written when it holds its panel's repeat variable (`hosts.$host.cpu`);
    /// `pattern` then has `*` in its place until the panel is repeated.
    public var template: String?

    public init(pattern: MetricPattern, cf: Consolidation = .average, style: GraphSeries.Style = .line(width: 2), stack: Bool = false,
                color: GraphColor? = nil, legend: String? = nil, band: Bool = false, lastWeek: Bool = false) {
        self.pattern = pattern
        self.cf = cf
        self.style = style
        self.stack = stack
        self.color = color
        self.legend = legend
        self.band = band
        self.lastWeek = lastWeek
    }
}
