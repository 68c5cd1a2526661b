import Foundation
import GraphRender
import Hummingbird
import MetricStore
import RRD
import TimeSyntax

/// The query parameters of the graph and series endpoints, checked, with messages that say
/// what to type: `from`, `until`, `width`, `height`, `theme`, `maxPoints`, `cf`, `title`, `metric`.
struct GraphQuery {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// The time range; relative times (`-6h`, `now`) are taken from `now` floored to the
    /// daemon's step, so every request within one step resolves to the same range (and the
    /// same cache entry).
    func range(step: Int, defaultFrom: String? = nil, now: Int = Int(Date().timeIntervalSince1970)) throws(HTTPProblem) -> TimeRange {
        let floored = now / max(step, 1) * max(step, 1)
        do {
            return try TimeSyntax.range(from: parameters.get("from") ?? defaultFrom, until: parameters.get("until"), now: floored,
                                        maxSpan: GraphLimits.maxRange)
        } catch {
            throw .badRequest("from/until: \(error)")
        }
    }

    func integer(_ name: String, default fallback: Int, _ bounds: ClosedRange<Int>) throws(HTTPProblem) -> Int {
        guard let text = parameters.get(name) else { return fallback }
        guard text.utf8.count <= 9, let value = Int(text), bounds.contains(value) else {
            throw .badRequest("\(name)=\(Self.shown(text)) is out of bounds: give a whole number from \(bounds.lowerBound) to \(bounds.upperBound)")
        }
        return value
    }

    func size(defaultWidth: Int, defaultHeight: Int) throws(HTTPProblem) -> (width: Int, height: Int) {
        (try integer("width", default: defaultWidth, GraphLimits.width), try integer("height", default: defaultHeight, GraphLimits.height))
    }

    func theme() throws(HTTPProblem) -> GraphTheme {
        guard let text = parameters.get("theme") else { return .light }
        guard let theme = GraphTheme(rawValue: text) else { throw .badRequest("theme=\(Self.shown(text)): use theme=dark or theme=light") }
        return theme
    }

    func maxPoints() throws(HTTPProblem) -> Int {
        try integer("maxPoints", default: 600, GraphLimits.maxPoints)
    }

    /// `cf=AVERAGE|MIN|MAX|LAST`, for ad-hoc requests.
    func consolidation() throws(HTTPProblem) -> Consolidation {
        guard let text = parameters.get("cf") else { return .average }
        guard let cf = Consolidation(rawValue: text.uppercased()) else {
            throw .badRequest("cf=\(Self.shown(text)): use cf=AVERAGE, MIN, MAX or LAST")
        }
        return cf
    }

    /// The `metric=` patterns, 1 to ``GraphLimits/maxSeries`` of them.
    func patterns() throws(HTTPProblem) -> [MetricPattern] {
        let texts = parameters.getAll("metric")
        guard !texts.isEmpty else { throw .badRequest("give at least one metric=PATTERN, e.g. metric=host.load.1 or metric=host.cpu.total.*") }
        guard texts.count <= GraphLimits.maxSeries else {
            throw .badRequest("\(texts.count) metric parameters; the limit is \(GraphLimits.maxSeries)")
        }
        return try texts.map { text throws(HTTPProblem) in try Self.pattern(text, parameter: "metric") }
    }

    static func pattern(_ text: String, parameter: String) throws(HTTPProblem) -> MetricPattern {
        guard text.utf8.count <= MetricName.maxLength else {
            throw .badRequest("\(parameter) is \(text.utf8.count) bytes long; a pattern is at most \(MetricName.maxLength)")
        }
        do {
            return try MetricPattern(text)
        } catch {
            throw .badRequest("\(parameter)=\(shown(text)): \(error)")
        }
    }

    /// User text echoed in a message: cut, and quoted with escapes so control characters show.
    static func shown(_ text: String) -> String {
        String(reflecting: text.count > 40 ? String(text.prefix(40)) + "…" : text)
    }
}
