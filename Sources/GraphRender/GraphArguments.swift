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

    public static func make(_ spec: GraphSpec, dataDirectory: String, events: [TimelineEvent] = []) throws(GraphError) -> [String] {
        try spec.validate()
        let files = try MetricFiles(dataDirectory: dataDirectory)
        var plan = SeriesPlan(spec: spec)
        for (index, series) in spec.series.enumerated() {
            try plan.add(series, index: index, path: files.definitionPath(series.metric))
        }
        return options(spec) + plan.arguments + thresholds(spec) + EventPlan(spec: spec, events: events).arguments
    }

    /// Output, time range, size, axis, theme.
    static func options(_ spec: GraphSpec) -> [String] {
        var arguments = ["-", "--imgformat", "PNG",
                         "--start", String(spec.start), "--end", String(spec.end),
                         "--width", String(spec.width), "--height", String(spec.height)]
        if spec.fullSize { arguments.append("--full-size-mode") }
        // Option values are not split on ':' and '%' is literal in them; validation kept them one line.
        if let title = spec.title { arguments += ["--title", title] }
        if let label = spec.verticalLabel { arguments += ["--vertical-label", label] }
        if spec.base == .binary { arguments += ["--base", "1024"] }
        if let lower = spec.yAxis.lowerLimit { arguments += ["--lower-limit", GraphNumber.text(lower)] }
        if let upper = spec.yAxis.upperLimit { arguments += ["--upper-limit", GraphNumber.text(upper)] }
        if spec.yAxis.rigid { arguments.append("--rigid") }
        if spec.yAxis.logarithmic { arguments.append("--logarithmic") }
        if !spec.legend { arguments.append("--no-legend") }
        // No "RRDTOOL / TOBI OETIKER" tag down the side, no 3D frame, smooth slopes.
        arguments += ["--disable-rrdtool-tag", "--border", "0", "--slope-mode"]
        for (element, color) in spec.theme.elementColors { arguments += ["--color", element + color] }
        for font in spec.theme.fonts { arguments += ["--font", "\(font.element):\(font.size):\(font.family)"] }
        return arguments
    }

    /// One dashed horizontal rule per threshold, labelled in the legend when it has a label.
    static func thresholds(_ spec: GraphSpec) -> [String] {
        spec.thresholds.map { threshold in
            let color = threshold.color ?? spec.theme.thresholdColor
            let label = spec.legend ? (threshold.label ?? "") : ""
            return "HRULE:\(GraphNumber.text(threshold.value))\(color.hex):\(GraphText.element(label)):dashes=8,4"
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
