import Foundation
import GraphRender
import GraphiteAPI
import Hummingbird
import MetricStore
import RRD

/// `/render?format=png`: evaluated series drawn by the usual renderer. The series exist only in
/// memory, so each is written to a temporary RRD file first; the graph then goes through
/// `GraphSpec` and `GraphRenderer`, whose validation and escaping every label passes, like any graph.
struct GraphitePNG: Sendable {
    let api: ReadAPI
    static let defaultSize = (width: 800, height: 300)

    func response(_ series: [GraphiteSeries], _ parameters: GraphiteParameters, start: Int, end: Int) async throws(HTTPProblem) -> Response {
        guard !series.isEmpty else { throw .notFound("the targets match no stored metric; /metrics/find?query=* lists the names") }
        guard series.count <= GraphLimits.maxSeries else {
            throw .badRequest("\(series.count) series in one image; the limit is \(GraphLimits.maxSeries): use format=json or combine them (sumSeries)")
        }
        let width = try parameters.integer("width", default: Self.defaultSize.width, GraphLimits.width) ?? Self.defaultSize.width
        let height = try parameters.integer("height", default: Self.defaultSize.height, GraphLimits.height) ?? Self.defaultSize.height
        var theme = GraphTheme.light
        if let text = parameters.get("theme") {
            guard let chosen = GraphTheme(rawValue: text) else { throw .badRequest("theme=\(GraphQuery.shown(text)): use theme=dark or theme=light") }
            theme = chosen
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-graphite-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines: [GraphSeries] = []
        for (index, one) in series.enumerated() {
            let metric = try! MetricName("graphite.s\(index)")
            try await Self.write(one, to: directory + "/" + metric.relativePath)
            lines.append(GraphSeries(metric: metric, legend: Self.legend(one.name)))
        }
        // A given title is validated with the spec (too long or control characters: 400).
        let spec = GraphSpec(series: lines, start: start, end: end, title: parameters.get("title"), width: width, height: height,
                             fullSize: true, theme: theme)
        do {
            try spec.validate()
            return GraphResponse.make(try await GraphRenderer.render(spec, dataDirectory: directory))
        } catch {
            throw ReadAPI.problem(error)
        }
    }

    /// A series name as a legend: refused characters become spaces, cut to the label limit.
    /// Colons, `%` and backslashes stay; the renderer escapes them.
    static func legend(_ name: String) -> String {
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .format: return " "
            default: return scalar
            }
        }))
        guard cleaned.unicodeScalars.count > GraphLimits.labelLength else { return cleaned }
        return String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(GraphLimits.labelLength - 1))) + "…"
    }

    /// One RRD holding exactly the series' points: a gauge at its step, one AVERAGE archive.
    static func write(_ series: GraphiteSeries, to path: String) async throws(HTTPProblem) {
        let layout = RRDLayout(step: series.step, sources: [DataSource(type: .gauge, heartbeat: 2 * series.step)],
                               archives: [Archive(.average, stepsPerRow: 1, rows: max(2, series.values.count + 1))])
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try await RRDEngine.shared.run { session in
                try session.create(path, layout: layout, start: series.start - series.step)
                let points = series.values.enumerated().map { RRDPoint(time: series.time($0), value: $1) }
                if !points.isEmpty { try session.update(path, points) }
            }
        } catch {
            throw HTTPProblem(status: .internalServerError, message: "cannot write the graph's temporary data: \(error)")
        }
    }
}
