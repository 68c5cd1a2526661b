/// How a graph looks. `.dark` is for a wall screen: dark background, large fonts readable from
/// across a room. `.light` is for a desk: white background, rrdtool-sized text.
public enum GraphTheme: String, Sendable, Codable, CaseIterable {
    case dark
    case light

    /// Series colours in order; series without a colour take the next one.
    public var palette: [GraphColor] {
        switch self {
        // Bright, well separated hues that stay visible on a dark canvas.
        case .dark: return ["#4FC3F7", "#FFB74D", "#81C784", "#F06292", "#BA68C8", "#FFF176", "#4DB6AC", "#FF8A65", "#90A4AE", "#AED581"].map(GraphColor.init(unchecked:))
        // Tableau-like hues with enough contrast on white.
        case .light: return ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF"].map(GraphColor.init(unchecked:))
        }
    }

    /// The default colour of series number `index`.
    public func color(forSeries index: Int) -> GraphColor { palette[index % palette.count] }

    /// Default threshold colour.
    public var thresholdColor: GraphColor {
        GraphColor(unchecked: self == .dark ? "#FF5252" : "#D50000")
    }

    /// `--color` entries: rrd_graph's element names and our colour for each.
    var elementColors: [(element: String, color: String)] {
        switch self {
        case .dark:
            return [("BACK", "#0D1117"), ("CANVAS", "#0D1117"), ("SHADEA", "#0D1117"), ("SHADEB", "#0D1117"),
                    ("GRID", "#30363D80"), ("MGRID", "#484F58C0"), ("FONT", "#E6EDF3"), ("AXIS", "#8B949E"),
                    ("ARROW", "#8B949E"), ("FRAME", "#8B949E")]
        case .light:
            return [("BACK", "#FFFFFF"), ("CANVAS", "#FFFFFF"), ("SHADEA", "#FFFFFF"), ("SHADEB", "#FFFFFF"),
                    ("GRID", "#D0D7DE80"), ("MGRID", "#AFB8C1C0"), ("FONT", "#1F2328"), ("AXIS", "#57606A"),
                    ("ARROW", "#57606A"), ("FRAME", "#57606A")]
        }
    }

    /// `--font` entries: rrd_graph's text element, size in points and font family. The legend is
    /// monospaced so that the last/avg/max columns line up under each other.
    var fonts: [(element: String, size: Int, family: String)] {
        switch self {
        case .dark:
            return [("DEFAULT", 13, "DejaVu Sans"), ("TITLE", 18, "DejaVu Sans"), ("AXIS", 12, "DejaVu Sans"),
                    ("UNIT", 12, "DejaVu Sans"), ("LEGEND", 12, "DejaVu Sans Mono"), ("WATERMARK", 8, "DejaVu Sans")]
        case .light:
            return [("DEFAULT", 9, "DejaVu Sans"), ("TITLE", 11, "DejaVu Sans"), ("AXIS", 8, "DejaVu Sans"),
                    ("UNIT", 8, "DejaVu Sans"), ("LEGEND", 8, "DejaVu Sans Mono"), ("WATERMARK", 6, "DejaVu Sans")]
        }
    }

    /// Colour of an event's rule and band.
    public func color(for kind: TimelineEvent.Kind) -> GraphColor {
        let hex: String
        switch (self, kind) {
        case (.dark, .deploy): hex = "#58A6FF"
        case (.dark, .rollback): hex = "#FF9E40"
        case (.dark, .flag): hex = "#D2A8FF"
        case (.dark, .config): hex = "#E3B341"
        case (.dark, .incident): hex = "#FF5252"
        case (.light, .deploy): hex = "#0969DA"
        case (.light, .rollback): hex = "#BC4C00"
        case (.light, .flag): hex = "#8250DF"
        case (.light, .config): hex = "#9A6700"
        case (.light, .incident): hex = "#CF222E"
        }
        return GraphColor(unchecked: hex)
    }
}
