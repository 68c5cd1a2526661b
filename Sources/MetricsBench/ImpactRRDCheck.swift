import DeployImpact
import Foundation
import GraphRender
import MetricStore
import RRD

/// `--rrd DIR`: writes the generated series into real RRD files (60 s step, AVERAGE, 29 days),
/// reads every deploy's windows back through `SeriesExport` as the daemon will, judges again
/// and reports how many verdicts match the in-memory ones.
enum ImpactRRDCheck {
    static let names = ["app.web.http.5xx", "app.web.errors", "app.web.latency.p95", "checks.web.http.failed"]
    static let kinds: [SignalKind] = [.rate, .count, .level, .failure]

    static func run(_ world: ImpactWorld, _ cases: [DeployImpactBench.Case], windows: ImpactWindows,
                    thresholds: ImpactThresholds, now: Int, directory: String) async throws -> [DeployImpactBench.Case] {
        let layout = RRDLayout(step: ImpactWorld.step, sources: [DataSource(type: .gauge, heartbeat: 2 * ImpactWorld.step)],
                               archives: [Archive(.average, stepsPerRow: 1, rows: ImpactWorld.count + 1_440)])
        let metrics = try names.map { try MetricName($0) }
        for (metric, values) in zip(metrics, [world.rate, world.errors, world.latency, world.failed]) {
            let path = directory + "/" + metric.relativePath
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try await RRDEngine.shared.create(path, layout: layout, start: ImpactWorld.start, overwrite: true)
            for chunk in stride(from: 0, to: values.count, by: 5_000) {
                let points = (chunk..<min(values.count, chunk + 5_000)).map { RRDPoint(time: ImpactWorld.time($0), value: values[$0]) }
                try await RRDEngine.shared.update(path, points)
            }
        }
        var judged = cases
        for index in judged.indices {
            var points = [[SeriesPoint]](repeating: [], count: names.count)
            for lag in [7 * 86_400, 86_400, 0] {
                let start = judged[index].deploy - lag - windows.before
                let end = judged[index].deploy - lag + windows.after + windows.followUp
                let data = try await SeriesExport.data(metrics.map { SeriesRequest(metric: $0) }, start: start, end: end,
                                                       maxPoints: (end - start) / ImpactWorld.step + 2, dataDirectory: directory)
                for (series, read) in data.series.enumerated() {
                    points[series] += read.points.map { SeriesPoint(time: $0.time, value: $0.value) }
                }
            }
            let signals = zip(names, zip(kinds, points)).map { SignalSeries(metric: $0, kind: $1.0, points: $1.1) }
            judged[index].result = ImpactDetector.assess(DeployTime(start: judged[index].deploy), signals: signals, now: now,
                                                         windows: windows, thresholds: thresholds)
        }
        return judged
    }
}
