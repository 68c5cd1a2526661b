import GraphiteAPI
import Hummingbird

/// Graphite's `/metrics/find` (the tree Grafana's query editor browses) and `/metrics/expand`.
struct GraphiteFind: Sendable {
    let api: ReadAPI
    static let maxNodes = 10_000

    /// `query=host.*`; `format=treejson` (default, what Grafana reads) or `completer`.
    func find(_ parameters: GraphiteParameters) throws(HTTPProblem) -> Response {
        guard let query = parameters.get("query"), !query.isEmpty else { throw .badRequest("give query=..., e.g. query=* or query=host.*") }
        let found: (nodes: [MetricTree.Node], truncated: Bool)
        do { found = try MetricTree.find(query, in: api.index.names().map(\.rawValue), limit: Self.maxNodes) } catch {
            throw .badRequest("query: \(error)")
        }
        switch parameters.get("format")?.lowercased() ?? "treejson" {
        case "treejson", "json":
            struct Node: Encodable {
                var text: String, id: String, leaf: Int, expandable: Int, allowChildren: Int
                var context: [String: String] = [:]
            }
            return JSONResponse.make(found.nodes.map { node in
                Node(text: String(node.text), id: node.path, leaf: node.leaf ? 1 : 0, expandable: node.leaf ? 0 : 1, allowChildren: node.leaf ? 0 : 1)
            })
        case "completer":
            struct Node: Encodable { var path: String, name: String, is_leaf: String }
            return JSONResponse.make(["metrics": found.nodes.map { node in
                Node(path: node.leaf ? node.path : node.path + ".", name: String(node.text), is_leaf: node.leaf ? "1" : "0")
            }])
        case let other:
            throw .badRequest("format=\(GraphQuery.shown(other)) is not supported here; use treejson or completer")
        }
    }

    /// `query=` (repeatable), `leavesOnly=1`, `groupByExpr=1`: `{"results": [...]}` or, grouped,
    /// `{"results": {"query": [...]}}`.
    func expand(_ parameters: GraphiteParameters) throws(HTTPProblem) -> Response {
        let queries = parameters.all("query").filter { !$0.isEmpty }
        guard !queries.isEmpty else { throw .badRequest("give query=..., e.g. query=host.*.load") }
        guard queries.count <= GraphiteLimits.maxTargets else { throw .badRequest("more than \(GraphiteLimits.maxTargets) queries") }
        let names = api.index.names().map(\.rawValue)
        let leavesOnly = parameters.flag("leavesOnly")
        do {
            if parameters.flag("groupByExpr") {
                var groups: [String: [String]] = [:]
                for query in queries { groups[query] = try MetricTree.expand([query], in: names, leavesOnly: leavesOnly, limit: Self.maxNodes).paths }
                return JSONResponse.make(["results": groups])
            }
            return JSONResponse.make(["results": try MetricTree.expand(queries, in: names, leavesOnly: leavesOnly, limit: Self.maxNodes).paths])
        } catch {
            throw .badRequest("query: \(error)")
        }
    }
}
