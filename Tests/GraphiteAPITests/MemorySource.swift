import GraphiteAPI

/// Series held in memory, served over any range as their stored points in `(start, end]`.
struct MemorySource: GraphiteDataSource {
    var stored: [GraphiteSeries]

    init(_ stored: [GraphiteSeries]) { self.stored = stored }

    /// `count` metrics `many.m0`... of one point each, for expansion bounds.
    static func many(_ count: Int) -> MemorySource {
        MemorySource((0..<count).map { GraphiteSeries(name: "many.m\($0)", start: 60, step: 60, values: [1]) })
    }

    func names(matching glob: PathGlob, limit: Int) async throws(GraphiteError) -> [String] {
        Array(stored.map(\.name).filter { glob.matches($0) }.sorted().prefix(limit + 1))
    }

    func series(_ names: [String], start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        names.compactMap { name in
            guard var one = stored.first(where: { $0.name == name }) else { return nil }
            let kept = one.values.indices.filter { one.time($0) > start && one.time($0) <= end }
            guard let first = kept.first else { one.values = []; return one }
            one.start = one.time(first)
            one.values = kept.map { one.values[$0] }
            return one
        }
    }
}

/// Evaluates `target` over `start...end` against `source`.
func evaluate(_ target: String, _ source: MemorySource, start: Int = 0, end: Int = 600) async throws(GraphiteError) -> [GraphiteSeries] {
    var evaluator = GraphiteEvaluator(source: source)
    return try await evaluator.evaluate(target, start: start, end: end)
}
