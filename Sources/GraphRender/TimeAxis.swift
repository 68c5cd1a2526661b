/// The time axis' grid and labels (`--x-grid`).
///
/// rrd_graph chooses them from seconds per pixel alone, sized for its default 7-point axis font;
/// with the wall theme's larger font its labels ran into each other ("18:00 18:20 18:40").
/// We choose from the same kind of table as rrd_graph (`xlab[]` in rrd_graph.c), with the seconds
/// per pixel scaled by how much larger our axis font is, so labels keep their spacing.
enum TimeAxis {
    private struct Grid {
        /// Used from this many seconds per pixel (at a 7-point font) on.
        var fromSecondsPerPixel: Double
        /// Used only when the range is at least this long (adds the weekday to multi-day views).
        var minimumRange: Int = 0
        var minor: String
        var major: String
        var labels: String
        /// Seconds labels are centred over (a day's name in the middle of the day), 0 at the line.
        var labelSpan: Int = 0
        var format: String
    }

    private static let grids: [Grid] = [
        // Finer than rrd_graph's table: a few minutes (a wall screen's "-5m") still get labels.
        Grid(fromSecondsPerPixel: 0, minor: "SECOND:10", major: "MINUTE:1", labels: "MINUTE:1", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 0.4, minor: "SECOND:30", major: "MINUTE:2", labels: "MINUTE:2", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 0.8, minor: "SECOND:30", major: "MINUTE:5", labels: "MINUTE:5", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 2, minor: "MINUTE:1", major: "MINUTE:5", labels: "MINUTE:5", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 5, minor: "MINUTE:2", major: "MINUTE:10", labels: "MINUTE:10", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 10, minor: "MINUTE:5", major: "MINUTE:20", labels: "MINUTE:20", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 30, minor: "MINUTE:10", major: "HOUR:1", labels: "HOUR:1", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 60, minor: "MINUTE:30", major: "HOUR:2", labels: "HOUR:2", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 60, minimumRange: 86_400, minor: "MINUTE:30", major: "HOUR:2", labels: "HOUR:6", format: "%a %H:%M"),
        Grid(fromSecondsPerPixel: 180, minor: "HOUR:1", major: "HOUR:6", labels: "HOUR:6", format: "%H:%M"),
        Grid(fromSecondsPerPixel: 180, minimumRange: 86_400, minor: "HOUR:1", major: "HOUR:6", labels: "HOUR:12", format: "%a %H:%M"),
        Grid(fromSecondsPerPixel: 600, minor: "HOUR:6", major: "DAY:1", labels: "DAY:1", labelSpan: 86_400, format: "%a"),
        Grid(fromSecondsPerPixel: 1_200, minor: "HOUR:6", major: "DAY:1", labels: "DAY:1", labelSpan: 86_400, format: "%d"),
        Grid(fromSecondsPerPixel: 1_800, minor: "HOUR:12", major: "DAY:1", labels: "DAY:2", labelSpan: 86_400, format: "%a %d"),
        Grid(fromSecondsPerPixel: 2_400, minor: "HOUR:12", major: "DAY:1", labels: "DAY:2", labelSpan: 86_400, format: "%a"),
        Grid(fromSecondsPerPixel: 3_600, minor: "DAY:1", major: "WEEK:1", labels: "WEEK:1", labelSpan: 604_800, format: "Week %V"),
        Grid(fromSecondsPerPixel: 10_800, minor: "WEEK:1", major: "MONTH:1", labels: "WEEK:2", labelSpan: 604_800, format: "Week %V"),
        Grid(fromSecondsPerPixel: 21_600, minor: "MONTH:1", major: "MONTH:1", labels: "MONTH:1", labelSpan: 2_592_000, format: "%b"),
        Grid(fromSecondsPerPixel: 172_800, minor: "MONTH:1", major: "MONTH:3", labels: "MONTH:3", labelSpan: 2_592_000, format: "%b"),
        Grid(fromSecondsPerPixel: 315_360, minor: "MONTH:3", major: "YEAR:1", labels: "YEAR:1", labelSpan: 31_536_000, format: "%Y"),
    ]

    /// The `--x-grid` value for a graph `width` pixels wide over `start...end`.
    static func grid(start: Int, end: Int, width: Int, axisFontSize: Int) -> String {
        let range = end - start
        let secondsPerPixel = Double(range) / Double(max(width, 1)) * Double(axisFontSize) / 7
        let chosen = grids.last { $0.fromSecondsPerPixel <= secondsPerPixel && $0.minimumRange <= range } ?? grids[0]
        return "\(chosen.minor):\(chosen.major):\(chosen.labels):\(chosen.labelSpan):\(chosen.format)"
    }
}
