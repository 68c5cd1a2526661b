import GraphRender

/// `metrics query --format csv`: a `time` column (epoch seconds) and one column per metric, one
/// row per timestamp of any series, unknown values empty. Metric names need no quoting: they are
/// `[A-Za-z0-9_-]` segments joined by dots.
public enum QueryCSV {
    public static func render(_ data: SeriesData) -> String {
        var rows: [Int: [String]] = [:]
        for (column, series) in data.series.enumerated() {
            for point in series.points {
                rows[point.time, default: Array(repeating: "", count: data.series.count)][column] = point.value.map { "\($0)" } ?? ""
            }
        }
        var text = (["time"] + data.series.map(\.name)).joined(separator: ",") + "\n"
        for time in rows.keys.sorted() { text += "\(time)," + rows[time]!.joined(separator: ",") + "\n" }
        return text
    }
}
