/// A typed description of one graph: what to draw, over which time range, how it looks.
///
/// Build one in code or decode it (JSON, YAML) — missing keys take the defaults of ``init``.
/// ``validate()`` checks every bound; ``GraphArguments/make(_:dataDirectory:events:)`` calls it
/// and turns the spec into rrd_graph arguments.
public struct GraphSpec: Sendable, Equatable {
    /// 1000 for most units, 1024 for bytes (so that 1 KiB = 1024 B on the axis and in legends).
    public enum UnitBase: Int, Sendable, Codable {
        case decimal = 1000
        case binary = 1024
    }

    /// The y-axis range and scale. Without limits rrd_graph scales to the data.
    public struct YAxis: Sendable, Equatable {
        public var lowerLimit: Double?
        public var upperLimit: Double?
        /// Keep the limits even when data goes beyond them (otherwise they only widen the axis).
        public var rigid: Bool
        public var logarithmic: Bool

        public init(lowerLimit: Double? = nil, upperLimit: Double? = nil, rigid: Bool = false, logarithmic: Bool = false) {
            self.lowerLimit = lowerLimit
            self.upperLimit = upperLimit
            self.rigid = rigid
            self.logarithmic = logarithmic
        }
    }

    public var title: String?
    /// Text along the y-axis, e.g. `requests/s`.
    public var verticalLabel: String?
    /// Unit after the numbers in the legend, e.g. `B` gives `12.30 kB`.
    public var unit: String?
    public var base: UnitBase
    public var series: [GraphSeries]
    public var thresholds: [GraphThreshold]
    public var yAxis: YAxis
    /// Size of the drawing area in pixels; the PNG is larger by the axes, title and legend,
    /// unless `fullSize` makes width and height the size of the whole image (for grid layouts).
    public var width: Int
    public var height: Int
    public var fullSize: Bool
    /// Epoch seconds.
    public var start: Int
    public var end: Int
    public var theme: GraphTheme
    /// Show the legend (name, last, average, maximum per series) under the graph.
    public var legend: Bool
    /// Only the plot, no axes, title or legend (`--only-graph`): the sparkline under a big number.
    public var sparkline = false

    public init(series: [GraphSeries], start: Int, end: Int, title: String? = nil, verticalLabel: String? = nil,
                unit: String? = nil, base: UnitBase = .decimal, thresholds: [GraphThreshold] = [],
                yAxis: YAxis = YAxis(), width: Int = 600, height: Int = 200, fullSize: Bool = false, theme: GraphTheme = .light, legend: Bool = true) {
        self.series = series
        self.start = start
        self.end = end
        self.title = title
        self.verticalLabel = verticalLabel
        self.unit = unit
        self.base = base
        self.thresholds = thresholds
        self.yAxis = yAxis
        self.width = width
        self.height = height
        self.fullSize = fullSize
        self.theme = theme
        self.legend = legend
    }
}
