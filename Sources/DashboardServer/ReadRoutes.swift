import Hummingbird

/// Registers the read endpoints on a router; each checks the read token first. API paths answer
/// errors as JSON, PNG paths as text.
public enum ReadRoutes {
    @discardableResult
    public static func register(on router: Router<BasicRequestContext>, settings: ReadSettings) -> ReadEndpoints {
        let api = ReadAPI(settings: settings)
        func json(_ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws(HTTPProblem) -> Response) {
            router.get(path) { request, context in await answer(api, request, json: true) { () async throws(HTTPProblem) in try await handler(request, context) } }
        }
        func png(_ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws(HTTPProblem) -> Response) {
            router.get(path) { request, context in await answer(api, request, json: false) { () async throws(HTTPProblem) in try await handler(request, context) } }
        }
        json("api/v1/dashboards") { _, _ in api.dashboards() }
        json("api/v1/dashboards/:name") { _, context throws(HTTPProblem) in try api.dashboard(context.parameters.get("name") ?? "") }
        json("api/v1/dashboards/:name/panels/:id/series") { request, context throws(HTTPProblem) in
            try await api.panelSeries(context.parameters.get("name") ?? "", context.parameters.get("id") ?? "", request)
        }
        png("dashboards/:name/panels/{id}.png") { request, context throws(HTTPProblem) in
            try await api.panelPNG(context.parameters.get("name") ?? "", context.parameters.get("id") ?? "", request)
        }
        // `target=` is Graphite's render API (GraphiteRoutes); `metric=` our pattern graph.
        let graphite = GraphiteRender(api: api)
        router.get("render") { request, context in
            guard request.uri.queryParameters.get("target") == nil else {
                return await GraphiteRoutes.answer(api, request) { parameters throws(HTTPProblem) in try await graphite.answer(parameters) }
            }
            return await answer(api, request, json: false) { () async throws(HTTPProblem) in try await api.render(request) }
        }
        GraphiteRoutes.register(on: router, api: api)
        json("api/v1/series") { request, _ throws(HTTPProblem) in try await api.series(request) }
        json("api/v1/metrics") { request, _ throws(HTTPProblem) in try api.metrics(request) }
        return ReadEndpoints(api: api)
    }

    private static func answer(_ api: ReadAPI, _ request: Request, json: Bool,
                               _ body: () async throws(HTTPProblem) -> Response) async -> Response {
        do {
            try api.access.check(request)
            return try await body()
        } catch {
            return error.response(json: json)
        }
    }
}

/// A handle on registered read endpoints, for tests and the bench.
public struct ReadEndpoints: Sendable {
    let api: ReadAPI

    /// Graphs rendered so far (requests answered from the cache or joined to a running render
    /// are not counted).
    public func renderCount() async -> Int { await api.cache.renders }

    /// Bytes of PNGs in the cache.
    public func cachedBytes() async -> Int { await api.cache.storedBytes }
}
