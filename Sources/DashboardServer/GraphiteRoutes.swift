import GraphiteAPI
import Hummingbird
import NIOCore

/// The Graphite API for Grafana's Graphite data source and Graphite tools, behind the read
/// token: `/render` (GET with `target=`, or POST), `/metrics/find`, `/metrics/expand`,
/// `/events/get_data`, `/version`, `/functions`. Errors answer `{"error": ...}`.
enum GraphiteRoutes {
    /// The version answered to `/version`: Grafana enables its 1.1 features (function list) from it.
    static let version = "1.1.10"

    static func register(on router: Router<BasicRequestContext>, api: ReadAPI) {
        let render = GraphiteRender(api: api)
        let find = GraphiteFind(api: api)
        let events = GraphiteEvents(events: api.settings.events)
        func route(_ path: RouterPath, post: Bool = false, _ handler: @escaping @Sendable (GraphiteParameters) async throws(HTTPProblem) -> Response) {
            let answer: @Sendable (Request, BasicRequestContext) async -> Response = { request, _ in await Self.answer(api, request, handler) }
            router.get(path, use: answer)
            if post { router.post(path, use: answer) }
        }
        // GET /render with `target=` is registered by ReadRoutes, which also serves `metric=` graphs.
        router.post("render") { request, _ in await Self.answer(api, request) { parameters throws(HTTPProblem) in try await render.answer(parameters) } }
        route("metrics/find", post: true) { parameters throws(HTTPProblem) in try find.find(parameters) }
        route("metrics/expand", post: true) { parameters throws(HTTPProblem) in try find.expand(parameters) }
        route("events/get_data") { parameters throws(HTTPProblem) in try await events.list(parameters) }
        // No newline: graphite-web answers the bare version, and Grafana reads the body as a semver.
        route("version") { _ in GraphiteRender.text(version, type: "text/plain; charset=utf-8") }
        route("functions") { _ in JSONResponse.make(GraphiteFunctions.byName) }
    }

    /// Checks the read token, reads the parameters (query and form body) and runs `handler`.
    static func answer(_ api: ReadAPI, _ request: Request,
                       _ handler: @Sendable (GraphiteParameters) async throws(HTTPProblem) -> Response) async -> Response {
        do {
            try api.access.check(request)
            return try await handler(try await GraphiteParameters.read(request))
        } catch {
            return error.response(json: true)
        }
    }
}
