/// Bounds on everything a graph request can ask for. librrd has no upper bound on width, height
/// or time span (Cacti's CVE-2007-3112 was a CPU DoS through huge ranges), so we check them first.
public enum GraphLimits {
    public static let width = 100...4_000
    public static let height = 50...3_000
    /// Ten years (with leap days) in seconds.
    public static let maxRange = 3_653 * 86_400
    public static let maxSeries = 50
    public static let maxThresholds = 20
    /// Points per series in a JSON export.
    public static let maxPoints = 1...20_000
    /// Line widths in pixels.
    public static let lineWidth = 0.5...10.0
    /// Characters in a title, and in a legend, axis label or threshold label.
    public static let titleLength = 150
    public static let labelLength = 100
    /// Characters of an event label shown in a legend; longer labels are cut with "…".
    public static let eventLabelLength = 60
    /// Events drawn as rules in one graph (the latest ones), and how many of them get a legend line.
    public static let maxEvents = 100
    public static let maxLabelledEvents = 8
}
