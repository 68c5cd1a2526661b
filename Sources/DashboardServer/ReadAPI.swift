import Dashboards
import Foundation
import GraphRender
import Hummingbird
import MetricStore

/// The read endpoints: dashboards, panel graphs and series, ad-hoc graphs and series, the metric
/// list. Every request is bounded before librrd sees it (sizes, ranges, series, patterns).
struct ReadAPI: Sendable {
    let settings: ReadSettings
    let index: MetricIndex
    let cache: RenderCache
    let access: ReadAccess

    init(settings: ReadSettings) {
        self.settings = settings
        // The index is re-read once per step at most: new metrics show up within a step.
        index = MetricIndex(dataDirectory: settings.dataDirectory, maxAge: .seconds(max(1, settings.step)))
        cache = RenderCache(capacity: settings.cacheBytes)
        access = ReadAccess(token: settings.token)
    }

    /// Default image size of a panel PNG (the whole image; `width`/`height` override it).
    static let panelSize = (width: 600, height: 250)
    static let maxMetricLimit = 10_000

    // MARK: Dashboards

    func dashboards() -> Response {
        struct Item: Encodable { var name: String; var title: String }
        return JSONResponse.make(["dashboards": settings.dashboards.dashboards().map { Item(name: $0.name, title: $0.title) }])
    }

    func dashboard(_ name: String) throws(HTTPProblem) -> Response {
        let names = index.names()
        let dashboard = try find(name).expandingRepeats(names: names)
        var expansions: [String: PanelExpansion] = [:]
        for panel in dashboard.panels where panel.kind != .text { expansions[panel.id] = PanelExpansion(panel, names: names) }
        return JSONResponse.make(DashboardDocument(dashboard, expansions: expansions))
    }

    func panelPNG(_ name: String, _ id: String, _ request: Request) async throws(HTTPProblem) -> Response {
        let (dashboard, panel) = try findPanel(name, id)
        let query = GraphQuery(request)
        let range = try query.range(step: settings.step, defaultFrom: dashboard.from)
        let size = try query.size(defaultWidth: Self.panelSize.width, defaultHeight: Self.panelSize.height)
        let expansion = PanelExpansion(panel, names: index.names())
        guard !expansion.series.isEmpty else {
            throw .notFound("no stored metric matches \(panel.series.map { "'\($0.pattern)'" }.joined(separator: ", ")) yet; 'metrics list' shows the stored names")
        }
        let spec = PanelGraph.spec(panel, series: expansion.series, start: range.start, end: range.end,
                                   width: size.width, height: size.height, theme: try query.theme())
        let events = try await timeline(dashboard.events(of: panel), start: range.start, end: range.end)
        return GraphResponse.make(try await render(spec, events: events))
    }

    func panelSeries(_ name: String, _ id: String, _ request: Request) async throws(HTTPProblem) -> Response {
        let (dashboard, panel) = try findPanel(name, id)
        let query = GraphQuery(request)
        let range = try query.range(step: settings.step, defaultFrom: dashboard.from)
        let requests = PanelExpansion(panel, names: index.names()).series.map(\.request)
        let events = try await timeline(dashboard.events(of: panel), start: range.start, end: range.end)
        return try await series(requests, range: (range.start, range.end), maxPoints: try query.maxPoints(), events: events)
    }

    // MARK: Ad hoc

    func render(_ request: Request) async throws(HTTPProblem) -> Response {
        let query = GraphQuery(request)
        let (names, patterns) = try expand(query)
        let range = try query.range(step: settings.step)
        let size = try query.size(defaultWidth: 800, defaultHeight: 300)
        let cf = try query.consolidation()
        // A given title is validated with the spec (too long, control characters: 400).
        let title = query.parameters.get("title") ?? Self.defaultTitle(names, patterns)
        let spec = GraphSpec(series: names.map { GraphSeries(metric: $0, consolidation: cf) }, start: range.start, end: range.end,
                             title: title, width: size.width, height: size.height, fullSize: true, theme: try query.theme())
        let events = try await timeline(try Self.eventFilter(query), start: range.start, end: range.end)
        return GraphResponse.make(try await render(spec, events: events))
    }

    func series(_ request: Request) async throws(HTTPProblem) -> Response {
        let query = GraphQuery(request)
        let (names, _) = try expand(query)
        let range = try query.range(step: settings.step)
        let cf = try query.consolidation()
        let events = try await timeline(try Self.eventFilter(query), start: range.start, end: range.end)
        return try await series(names.map { SeriesRequest(metric: $0, cf: cf) }, range: (range.start, range.end), maxPoints: try query.maxPoints(),
                                events: events)
    }

    func metrics(_ request: Request) throws(HTTPProblem) -> Response {
        let query = GraphQuery(request)
        let pattern = try GraphQuery.pattern(query.parameters.get("search") ?? "**", parameter: "search")
        let limit = try query.integer("limit", default: 1_000, 1...Self.maxMetricLimit)
        let found = index.names(matching: [pattern], limit: limit)
        struct Answer: Encodable { var metrics: [String]; var truncated: Bool }
        return JSONResponse.make(Answer(metrics: found.names.map(\.rawValue), truncated: found.truncated))
    }

    // MARK: Helpers

    private func find(_ name: String) throws(HTTPProblem) -> Dashboard {
        guard let dashboard = settings.dashboards.dashboard(named: name) else {
            throw .notFound("no dashboard \(GraphQuery.shown(name)); GET /api/v1/dashboards lists them")
        }
        return dashboard
    }

    /// The panel, after repeats: `cpu-web1` is the `cpu` panel repeated for host web1.
    private func findPanel(_ name: String, _ id: String) throws(HTTPProblem) -> (Dashboard, Panel) {
        let dashboard = try find(name).expandingRepeats(names: index.names())
        guard let panel = dashboard.panel(id: id) else {
            throw .notFound("dashboard \(name) has no panel \(GraphQuery.shown(id)); GET /api/v1/dashboards/\(name) lists the panel ids")
        }
        guard panel.kind != .text else { throw .notFound("panel \(id) is a text panel; it has no graph or series") }
        return (dashboard, panel)
    }

    /// The metrics matching the `metric=` patterns; more than a graph may hold is an error.
    private func expand(_ query: GraphQuery) throws(HTTPProblem) -> ([MetricName], [MetricPattern]) {
        let patterns = try query.patterns()
        let found = index.names(matching: patterns, limit: GraphLimits.maxSeries)
        guard !found.names.isEmpty else { throw .notFound(GraphError.noMatchingMetrics(patterns.map(\.text)).description) }
        guard !found.truncated else {
            throw .badRequest("the patterns match more than \(GraphLimits.maxSeries) metrics; the limit is \(GraphLimits.maxSeries), use a narrower pattern")
        }
        return (found.names, patterns)
    }

    private func render(_ spec: GraphSpec, events: [TimelineEvent]) async throws(HTTPProblem) -> RenderedGraph {
        do {
            try spec.validate()
        } catch {
            throw .badRequest(error.description)
        }
        let directory = settings.dataDirectory
        do {
            return try await cache.graph(Self.key(spec, events: events)) { () async throws(GraphError) -> RenderedGraph in
                try await GraphRenderer.render(spec, dataDirectory: directory, events: events)
            }
        } catch {
            throw Self.problem(error)
        }
    }

    private func series(_ requests: [SeriesRequest], range: (start: Int, end: Int), maxPoints: Int,
                        events: [TimelineEvent]) async throws(HTTPProblem) -> Response {
        do {
            return JSONResponse.bytes(try await SeriesExport.json(requests, start: range.start, end: range.end, maxPoints: maxPoints,
                                                                  dataDirectory: settings.dataDirectory, events: events))
        } catch {
            throw Self.problem(error)
        }
    }

    /// The one metric's name, or the patterns, cut to the title limit.
    static func defaultTitle(_ names: [MetricName], _ patterns: [MetricPattern]) -> String {
        let text = names.count == 1 ? names[0].rawValue : patterns.map(\.text).joined(separator: " ")
        return text.count <= GraphLimits.titleLength ? text : String(text.prefix(GraphLimits.titleLength - 1)) + "…"
    }

    /// The spec and the events drawn as canonical JSON: equal specs (same metrics, range, size,
    /// theme) with the same events, equal keys. A new (or edited) event in the range is a new
    /// key, so a deploy shows on the next request instead of after the cached image ages out.
    static func key(_ spec: GraphSpec, events: [TimelineEvent] = []) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let specText = try? encoder.encode(spec), let eventText = try? encoder.encode(events) else { return UUID().uuidString }
        return String(decoding: specText, as: UTF8.self) + String(decoding: eventText, as: UTF8.self)
    }

    static func problem(_ error: GraphError) -> HTTPProblem {
        switch error {
        case .missingMetric, .noMatchingMetrics: return .notFound(error.description)
        case .librrd, .encodingFailed, .badDataDirectory: return HTTPProblem(status: .internalServerError, message: error.description)
        default: return .badRequest(error.description)
        }
    }
}
