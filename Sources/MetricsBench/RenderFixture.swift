import Foundation
import MetricStore
import RRD

/// The bench's data: three metrics with a day of 10-second points ending at `end`, and a
/// 12-panel wall dashboard drawing them.
enum RenderFixture {
    static let metrics = ["bench.web.requests", "bench.web.errors", "bench.db.queries"]

    static func write(root: String, end: Int, step: Int) async throws -> [String] {
        let count = 86_400 / step
        let start = end - 86_400 - step
        for (index, name) in metrics.enumerated() {
            let metric = try MetricName(name)
            let path = root + "/data/" + metric.relativePath
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try await RRDEngine.shared.create(path, layout: RetentionSchema.standard.layout(for: .gauge), start: start)
            let points = (1...count).map { i in
                RRDPoint(time: start + i * step, value: 50 + 30 * sin(Double(i) / 500 + Double(index)) + Double(i % 7))
            }
            try await RRDEngine.shared.update(path, points)
        }
        try FileManager.default.createDirectory(atPath: root + "/dashboards", withIntermediateDirectories: true)
        var board = "title: Wall\npanels:\n"
        for panel in 1...12 {
            let series = panel % 3 == 0 ? "[\"bench.**\"]" : "[\(metrics[panel % 3])]"
            let extra = panel % 4 == 0 ? ", type: number" : ", type: graph"
            board += "  - {id: p\(panel)\(extra), title: Panel \(panel), series: \(series)}\n"
        }
        _ = FileManager.default.createFile(atPath: root + "/dashboards/wall.yaml", contents: Data(board.utf8))
        return metrics
    }
}
