/// Collects the rrd_graph elements of a graph's series in drawing order: bands, last-week
/// overlays, then the series with their legend lines. Series `i` uses the names `s<i>...`.
struct SeriesPlan {
    let spec: GraphSpec
    private var definitions: [String] = []
    private var bands: [String] = []
    private var overlays: [String] = []
    private var lines: [String] = []
    /// Legend texts padded to one width: the legend font is monospaced, so the numbers line up.
    private let legendWidth: Int

    init(spec: GraphSpec) {
        self.spec = spec
        legendWidth = spec.series.map { $0.legendText.count }.max() ?? 0
    }

    /// `paths` are the files of the series' ``GraphSeries/readMetrics``, already escaped for a
    /// DEF; `bandResolution` the seconds per row of its MIN/MAX archives, when known.
    mutating func add(_ series: GraphSeries, index: Int, paths: [String], bandResolution: Int?) {
        let name = "s\(index)"
        let color = series.color ?? spec.theme.color(forSeries: index)
        let path = paths[0]
        if let aggregate = series.aggregate {
            // One DEF per member, then the series is their combination.
            let members = paths.indices.map { "\(name)m\($0)" }
            for (member, memberPath) in zip(members, paths) {
                definitions.append("DEF:\(member)=\(memberPath):value:\(series.consolidation.rawValue)")
            }
            definitions.append("CDEF:\(name)=\(aggregate.rpn(members))")
        } else {
            definitions.append("DEF:\(name)=\(path):value:\(series.consolidation.rawValue)")
        }
        if series.band {
            let step = bandResolution.map { ":step=\($0)" } ?? ""
            definitions += ["DEF:\(name)lo=\(path):value:MIN\(step)", "DEF:\(name)hi=\(path):value:MAX\(step)",
                            "CDEF:\(name)span=\(name)hi,\(name)lo,-"]
            // An invisible line at the minimum, the span stacked on it: a band from min to max.
            bands += ["LINE:\(name)lo", "AREA:\(name)span\(color.withAlpha(0x40).hex)::STACK"]
        }
        if series.lastWeek {
            let week = GraphArguments.week
            definitions += ["DEF:\(name)week=\(path):value:\(series.consolidation.rawValue):start=\(spec.start - week):end=\(spec.end - week)",
                            "SHIFT:\(name)week:\(week)"]
            overlays.append("LINE1.5:\(name)week\(color.withAlpha(0xA0).hex)::dashes=6,4")
        }
        lines.append(element(series, name: name, color: color, first: index == 0))
        if spec.legend { lines += legendNumbers(name) }
    }

    private func element(_ series: GraphSeries, name: String, color: GraphColor, first: Bool) -> String {
        let kind: String
        switch series.style {
        case .line(let width): kind = "LINE" + GraphNumber.text(width)
        case .area: kind = "AREA"
        }
        let legend = spec.legend ? padded(series.legendText) : ""
        // The first series has nothing to stack on; STACK would put it on a band or overlay.
        let stack = series.stack && !first ? ":STACK" : ""
        return "\(kind):\(name)\(color.hex):\(GraphText.element(legend))\(stack)"
    }

    private func padded(_ legend: String) -> String {
        legend + String(repeating: " ", count: max(0, legendWidth - legend.count))
    }

    /// Last, average and maximum of the series, then the end of the legend line. The line ends
    /// in a comment of its own: rrd_graph does not wrap an item that carries a `\l`, so a long
    /// last number would run off the image instead of moving to the next line.
    private func legendNumbers(_ name: String) -> [String] {
        let unit = GraphText.format(spec.unit ?? "")
        // A percentage keeps its scale: "0.86 %", not "860m%".
        let number = spec.unit == "%" ? "%7.2lf " : "%7.2lf%s"
        return ["VDEF:\(name)last=\(name),LAST", "VDEF:\(name)avg=\(name),AVERAGE", "VDEF:\(name)max=\(name),MAXIMUM",
                "GPRINT:\(name)last: last \(number)\(unit)",
                "GPRINT:\(name)avg: avg \(number)\(unit)",
                "GPRINT:\(name)max: max \(number)\(unit)",
                "COMMENT:\\l"]
    }

    /// A line saying what the dashed and shaded extras are, when there are any.
    private var note: [String] {
        guard spec.legend else { return [] }
        var parts: [String] = []
        if spec.series.contains(where: \.lastWeek) { parts.append("dashed: one week earlier") }
        if spec.series.contains(where: \.band) { parts.append("shaded: min to max") }
        return parts.isEmpty ? [] : ["COMMENT:" + GraphText.element(parts.joined(separator: "   ")) + "\\l"]
    }

    var arguments: [String] { definitions + bands + overlays + lines + note }
}
