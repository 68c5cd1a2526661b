/// The supported functions, described in graphite-web's `/functions` shape so that Grafana's
/// function editor offers exactly these (and their parameters).
public enum GraphiteFunctions {
    public struct Parameter: Sendable, Encodable {
        public var name: String
        public var type: String
        public var required: Bool
        public var multiple: Bool?
        public var options: [String]?

        init(_ name: String, _ type: String, required: Bool = false, multiple: Bool? = nil, options: [String]? = nil) {
            (self.name, self.type, self.required, self.multiple, self.options) = (name, type, required, multiple, options)
        }
    }

    public struct Definition: Sendable, Encodable {
        public var name: String
        public var group: String
        public var description: String
        public var module = "metrics.graphite"
        public var params: [Parameter]
    }

    static let seriesList = Parameter("seriesList", "seriesList", required: true)
    static let seriesLists = Parameter("seriesLists", "seriesList", required: true, multiple: true)

    public static let definitions: [Definition] = [
        .init(name: "alias", group: "Alias", description: "Names every series newName.", params: [seriesList, .init("newName", "string", required: true)]),
        .init(name: "aliasByNode", group: "Alias", description: "Names each series by some of its path's nodes (0 is the first, -1 the last).",
              params: [seriesList, .init("nodes", "node", required: true, multiple: true)]),
        .init(name: "aliasSub", group: "Alias", description: "Replaces the regular expression search by replace in each name (\\1 refers to a group).",
              params: [seriesList, .init("search", "string", required: true), .init("replace", "string", required: true)]),
        .init(name: "sumSeries", group: "Combine", description: "The sum of the series at each point.", params: [seriesLists]),
        .init(name: "averageSeries", group: "Combine", description: "The average of the known values at each point.", params: [seriesLists]),
        .init(name: "maxSeries", group: "Combine", description: "The largest value at each point.", params: [seriesLists]),
        .init(name: "minSeries", group: "Combine", description: "The smallest value at each point.", params: [seriesLists]),
        .init(name: "asPercent", group: "Combine", description: "Each series as a percentage of total (a series, a number, or the sum of the series).",
              params: [seriesList, .init("total", "any")]),
        .init(name: "scale", group: "Transform", description: "Multiplies every value by factor.", params: [seriesList, .init("factor", "float", required: true)]),
        .init(name: "perSecond", group: "Transform", description: "The increase per second of a counter; a reset gives no point.",
              params: [seriesList, .init("maxValue", "float"), .init("minValue", "float")]),
        .init(name: "nonNegativeDerivative", group: "Transform", description: "The increase per point of a counter; a reset gives no point.",
              params: [seriesList, .init("maxValue", "float"), .init("minValue", "float")]),
        .init(name: "movingAverage", group: "Calculate", description: "The average over a trailing window of points (5) or time ('5min').",
              params: [seriesList, .init("windowSize", "intOrInterval", required: true), .init("xFilesFactor", "float")]),
        .init(name: "timeShift", group: "Transform", description: "The series as it was timeShift ago ('1d', '-1h'; unsigned means back).",
              params: [seriesList, .init("timeShift", "interval", required: true), .init("resetEnd", "boolean"), .init("alignDST", "boolean")]),
        .init(name: "summarize", group: "Transform", description: "Buckets of intervalString reduced by func.",
              params: [seriesList, .init("intervalString", "interval", required: true),
                       .init("func", "aggFunc", options: ["sum", "avg", "max", "min", "last"]), .init("alignToFrom", "boolean")]),
        .init(name: "constantLine", group: "Special", description: "A horizontal line at value over the whole range.",
              params: [.init("value", "float", required: true)]),
    ]

    /// Names, sorted, for error messages.
    public static let names: [String] = definitions.map(\.name).sorted()

    /// `{name: definition}`, as graphite-web's `/functions` answers.
    public static var byName: [String: Definition] {
        Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })
    }
}
