/// `/metrics/find` and `/metrics/expand` over the stored names: the nodes a query's globs
/// reach, one level per query node, as Graphite's finders answer.
public enum MetricTree {
    /// A node at the query's depth: a metric (leaf), a branch with metrics below, or both when a
    /// name is also the prefix of longer names (two entries then, as graphite-web returns).
    public struct Node: Sendable, Equatable {
        public var path: String
        public var leaf: Bool
        public var text: Substring { path.split(separator: ".").last ?? Substring(path) }
    }

    /// Nodes matching `query`, sorted by path, leaves before branches of the same path; at most
    /// `limit` (and whether more were found).
    public static func find(_ query: String, in names: [String], limit: Int) throws(GraphiteError) -> (nodes: [Node], truncated: Bool) {
        let glob = try PathGlob(query)
        var found = Set<String>(), leaves = Set<String>(), branches = Set<String>()
        for name in names {
            let parts = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard glob.matchesPrefix(parts) else { continue }
            let path = parts.prefix(glob.nodeCount).map { String(Substring($0)) }.joined(separator: ".")
            if parts.count == glob.nodeCount { leaves.insert(path) } else { branches.insert(path) }
            found.insert(path)
            if found.count > limit { break }
        }
        var nodes: [Node] = []
        for path in found.sorted() {
            if leaves.contains(path) { nodes.append(Node(path: path, leaf: true)) }
            if branches.contains(path) { nodes.append(Node(path: path, leaf: false)) }
        }
        return (Array(nodes.prefix(limit)), nodes.count > limit || found.count > limit)
    }

    /// The distinct paths the queries expand to, sorted (`leavesOnly` drops branches).
    public static func expand(_ queries: [String], in names: [String], leavesOnly: Bool, limit: Int) throws(GraphiteError) -> (paths: [String], truncated: Bool) {
        var paths = Set<String>()
        var truncated = false
        for query in queries {
            let found = try find(query, in: names, limit: limit)
            truncated = truncated || found.truncated
            for node in found.nodes where node.leaf || !leavesOnly { paths.insert(node.path) }
        }
        return (Array(paths.sorted().prefix(limit)), truncated || paths.count > limit)
    }
}
