import Foundation
import GraphRender
import GraphiteAPI
import Hummingbird
import NIOCore

/// Graphite's `/render`: `target` (repeated), `from`, `until`, `format=json|csv|raw|png`
/// (png when absent, as graphite-web), `maxDataPoints`, `noNullPoints`; for png also `width`,
/// `height`, `title`, `theme`. GET or POST with a form body (Grafana POSTs).
struct GraphiteRender: Sendable {
    let api: ReadAPI

    enum Format: String { case json, csv, raw, png }

    func answer(_ parameters: GraphiteParameters, now: Int = Int(Date().timeIntervalSince1970)) async throws(HTTPProblem) -> Response {
        let format = try Self.format(parameters)
        let targets = parameters.all("target").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !targets.isEmpty else { throw .badRequest("give at least one target=..., e.g. target=host.load.1 or target=sumSeries(hosts.*.cpu.total.user)") }
        guard targets.count <= GraphiteLimits.maxTargets else {
            throw .badRequest("\(targets.count) targets; the limit is \(GraphiteLimits.maxTargets) per request")
        }
        let range: (start: Int, end: Int)
        do { range = try GraphiteTime.range(from: parameters.get("from"), until: parameters.get("until"), now: now) } catch {
            throw .badRequest(error.description)
        }
        let maxDataPoints = try parameters.integer("maxDataPoints", default: nil, 1...GraphLimits.maxPoints.upperBound)
        var evaluator = GraphiteEvaluator(source: GraphiteStoredSource(index: api.index, dataDirectory: api.settings.dataDirectory))
        var series: [GraphiteSeries] = []
        for target in targets {
            do { series += try await evaluator.evaluate(target, start: range.start, end: range.end) } catch {
                throw Self.problem(error)
            }
        }
        if format == .png { return try await GraphitePNG(api: api).response(series, parameters, start: range.start, end: range.end) }
        if let maxDataPoints { series = series.map { SeriesAlignment.fit($0, maxPoints: maxDataPoints) } }
        switch format {
        case .json: return JSONResponse.bytes(RenderOutput.json(series, noNullPoints: parameters.flag("noNullPoints")))
        case .csv: return Self.text(RenderOutput.csv(series), type: "text/csv; charset=utf-8")
        case .raw, .png: return Self.text(RenderOutput.raw(series), type: "text/plain; charset=utf-8")
        }
    }

    static func format(_ parameters: GraphiteParameters) throws(HTTPProblem) -> Format {
        if parameters.flag("rawData") { return .raw }
        guard let text = parameters.get("format") else { return .png }
        guard let format = Format(rawValue: text.lowercased()) else {
            throw .badRequest("format=\(GraphQuery.shown(text)) is not supported; use json, csv, raw or png")
        }
        return format
    }

    static func problem(_ error: GraphiteError) -> HTTPProblem {
        switch error {
        case .storage: HTTPProblem(status: .internalServerError, message: error.description)
        default: .badRequest(error.description)
        }
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
