import CollectorCore
import MetricStore

/// What a parser made of a program's output: series, samples, and the problems it skipped.
public struct ExecOutput: Sendable {
    public private(set) var series: [SeriesSpec] = []
    public private(set) var samples: [Sample] = []
    /// One message per skipped line or value, naming what is wrong.
    public var issues: [String] = []
    private var seenSeries: Set<MetricName> = []
    private var seenPoints: Set<Point> = []

    private struct Point: Hashable {
        var name: MetricName
        var time: Int
    }

    public init() {}

    /// Adds a value under `name` (a full metric name), or records why not.
    mutating func add(_ name: String, _ kind: MetricKind, _ value: Double, time: Int,
                      unit: String = "", min: Double? = nil, max: Double? = nil, source: String) {
        let metric: MetricName
        do {
            metric = try MetricName(name)
        } catch {
            issues.append("\(source): \(error)")
            return
        }
        guard value.isFinite else {
            issues.append("\(source): the value is not a finite number")
            return
        }
        guard seenPoints.insert(Point(name: metric, time: time)).inserted else {
            issues.append("\(source): \(name) was given twice for the same time; the first value is kept")
            return
        }
        if seenSeries.insert(metric).inserted {
            series.append(SeriesSpec(name: metric, kind: kind, unit: unit, min: min, max: max))
        }
        samples.append(Sample(name: metric, kind: kind, time: time, value: value))
    }

    /// Drops what a program may not set itself (the run's own `exit_status`, `up`, `status`).
    mutating func remove(reserved names: Set<MetricName>) {
        let clashing = Set(samples.map(\.name)).intersection(names)
        guard !clashing.isEmpty else { return }
        for name in clashing.sorted() {
            issues.append("\(name) is recorded by the collector itself; the program's value is dropped (rename it)")
        }
        samples.removeAll { clashing.contains($0.name) }
        series.removeAll { clashing.contains($0.name) }
        seenSeries.subtract(clashing)
        seenPoints = seenPoints.filter { !clashing.contains($0.name) }
    }
}

/// A short, printable form of an output line for log messages.
func quoted(_ line: Substring) -> String {
    let cut = line.count > 120 ? line.prefix(120) + "..." : line
    return "'" + cut.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : $0.escaped(asASCII: true) }.joined() + "'"
}
