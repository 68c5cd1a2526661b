import MetricStore

/// Turns a ``GraphSpec`` into `rrd_graph_v` arguments (without argv[0]).
///
/// The one place where graph arguments are built. The spec is validated first; every user string
/// is checked (``GraphSpec/validate()``) and escaped for the field it lands in (``GraphText``);
/// metric names become paths under the data directory with colons escaped; numbers and times are
/// formatted here, times as epoch integers only.
///
/// Element order matters to rrd_graph: min/max bands first (behind everything), then last-week
/// overlays, then the series themselves in spec order (so `STACK` stacks on the previous series),
/// then thresholds and events on top.
public enum GraphArguments {
    /// Seconds in the "last week" overlay shift.
    public static let week = 7 * 86_400

    /// - Parameters:
    ///   - dataDirectory: where the metrics' RRD files are; a metric without a file throws
    ///     ``GraphError/missingMetric(_:path:)``.
    ///   - events: drawn on the timeline when they overlap the range.
    ///   - bandResolutions: seconds per row of the MIN/MAX archive each banded metric should be
    ///     read from (``GraphRenderer`` reads them from the files). Without one librrd chooses, and
    ///     at the finest resolution it serves MIN and MAX from the AVERAGE archive: a flat band.
    public static func make(_ spec: GraphSpec, dataDirectory: String, events: [TimelineEvent] = [],
                            bandResolutions: [MetricName: Int] = [:]) throws(GraphError) -> [String] {
        try spec.validate()
        let files = try MetricFiles(dataDirectory: dataDirectory)
        var plan = SeriesPlan(spec: spec)
        for (index, series) in spec.series.enumerated() {
            let band = bandResolutions[series.metric].map { max(1, $0) }
            var paths: [String] = []
            for metric in series.readMetrics { paths.append(try files.definitionPath(metric)) }
            plan.add(series, index: index, paths: paths, bandResolution: band)
        }
        return options(spec) + plan.arguments + thresholds(spec) + EventPlan(spec: spec, events: events).arguments
    }

    /// Output, time range, size, axis, theme.
    static func options(_ spec: GraphSpec) -> [String] {
        var arguments = ["-", "--imgformat", "PNG",
                         "--start", String(spec.start), "--end", String(spec.end),
                         "--width", String(spec.width), "--height", String(spec.height)]
        if spec.fullSize { arguments.append("--full-size-mode") }
        if spec.sparkline { arguments.append("--only-graph") }
        let axisFont = spec.theme.fonts.first { $0.element == "AXIS" }?.size ?? 7
        arguments += ["--x-grid", TimeAxis.grid(start: spec.start, end: spec.end, width: spec.width, axisFontSize: axisFont)]
        // Option values are not split on ':' and '%' is literal in them; validation kept them one line.
        if let title = spec.title { arguments += ["--title", title] }
        if let label = spec.verticalLabel { arguments += ["--vertical-label", label] }
        if spec.base == .binary { arguments += ["--base", "1024"] }
        if let lower = spec.yAxis.lowerLimit ?? areaFloor(spec) { arguments += ["--lower-limit", GraphNumber.text(lower)] }
        if let upper = spec.yAxis.upperLimit { arguments += ["--upper-limit", GraphNumber.text(upper)] }
        if spec.yAxis.rigid { arguments.append("--rigid") }
        // SI prefixes ("100 M") instead of rrd_graph's exponents ("1e+08") on a log axis.
        if spec.yAxis.logarithmic { arguments += ["--logarithmic", "--units=si"] }
        if !spec.legend { arguments.append("--no-legend") }
        // No "RRDTOOL / TOBI OETIKER" tag down the side; smooth slopes. (The 3D border's colours
        // are the background's, so it does not show.)
        arguments += ["--disable-rrdtool-tag", "--slope-mode"]
        // The value axis repeated on the right: readable from either side of a room, and it
        // leaves room for the last time label, which rrd_graph otherwise cuts at the edge.
        // Not on a log scale: rrd_graph 1.7 labels a logarithmic right axis wrongly.
        if !spec.yAxis.logarithmic { arguments += ["--right-axis", "1:0"] }
        for (element, color) in spec.theme.elementColors { arguments += ["--color", element + color] }
        for font in spec.theme.fonts { arguments += ["--font", "\(font.element):\(font.size):\(font.family)"] }
        return arguments
    }

    /// Areas start at zero unless told otherwise: rrd_graph's autoscale would otherwise start the
    /// axis near the smallest value and a filled area would exaggerate the differences. Not rigid,
    /// so negative values still extend the axis.
    static func areaFloor(_ spec: GraphSpec) -> Double? {
        guard !spec.yAxis.logarithmic, spec.series.contains(where: { $0.style == .area }) else { return nil }
        return 0
    }

    /// One dashed horizontal rule per threshold; a label gets a legend line of its own (lines
    /// that rrd_graph wraps by itself are stretched across the width, which reads badly).
    static func thresholds(_ spec: GraphSpec) -> [String] {
        spec.thresholds.map { threshold in
            let color = threshold.color ?? spec.theme.thresholdColor
            let legend = spec.legend ? threshold.label.map { GraphText.element($0, endsWithCode: true) + "\\l" } ?? "" : ""
            return "HRULE:\(GraphNumber.text(threshold.value))\(color.hex):\(legend):dashes=8,4"
        }
    }
}

/// Numbers as rrd_graph parses them: plain decimals, never locale-formatted.
enum GraphNumber {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
