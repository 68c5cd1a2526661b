/// Where evaluated targets get their data: the stored metric names and their series.
public protocol GraphiteDataSource: Sendable {
    /// Sorted names of stored metrics matching `glob`, at most `limit + 1` of them (one more
    /// than allowed tells the evaluator the glob matches too many, before anything is read).
    func names(matching glob: PathGlob, limit: Int) async throws(GraphiteError) -> [String]
    /// The series of `names` with points in `(start, end]`, in the order given.
    func series(_ names: [String], start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries]
}

/// Evaluates targets against a data source. Every series read counts against
/// `GraphiteLimits.maxSeries` for the whole request (one evaluator per request).
public struct GraphiteEvaluator {
    public let source: any GraphiteDataSource
    /// Series read so far.
    public private(set) var fetched = 0

    public init(source: any GraphiteDataSource) {
        self.source = source
    }

    /// Parses and evaluates `target` over `start...end`, series in Graphite's order.
    public mutating func evaluate(_ target: String, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        try await evaluate(GraphiteParser.parse(target), start: start, end: end)
    }

    public mutating func evaluate(_ expression: GraphiteExpression, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        switch expression {
        case .path(let text): return try await fetch(text, start: start, end: end)
        case .call(let name, let arguments, let named):
            return try await call(FunctionCall(name: name, arguments: arguments, named: named), start: start, end: end)
        }
    }

    private mutating func fetch(_ text: String, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        let glob = try PathGlob(text)
        let remaining = GraphiteLimits.maxSeries - fetched
        let names = try await source.names(matching: glob, limit: remaining)
        guard names.count <= remaining else { throw .tooManySeries(pattern: String(text.prefix(80)), limit: GraphiteLimits.maxSeries) }
        fetched += names.count
        guard !names.isEmpty else { return [] }
        return try await source.series(names, start: start, end: end).map { series in
            var series = series
            series.pathExpression = text
            return series
        }
    }

    /// Evaluates an argument that must be a series list.
    mutating func seriesList(_ call: FunctionCall, _ position: Int, _ parameter: String, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        try await evaluate(call.expression(position, parameter), start: start, end: end)
    }

    private mutating func call(_ call: FunctionCall, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        switch call.name {
        case "alias", "aliasSub", "aliasByNode":
            return try AliasFunctions.apply(call, try await seriesList(call, 0, "seriesList", start: start, end: end))
        case "sumSeries", "averageSeries", "maxSeries", "minSeries":
            var all: [GraphiteSeries] = []
            for position in call.arguments.indices { all += try await seriesList(call, position, "seriesLists", start: start, end: end) }
            try call.expect(atMost: call.arguments.count, parameters: [])
            return CombineFunctions.aggregate(call.name, all)
        case "asPercent":
            return try await asPercent(call, start: start, end: end)
        case "scale", "perSecond", "nonNegativeDerivative", "summarize":
            return try TransformFunctions.apply(call, try await seriesList(call, 0, "seriesList", start: start, end: end), from: start)
        case "movingAverage":
            return try await movingAverage(call, start: start, end: end)
        case "timeShift":
            return try await timeShift(call, start: start, end: end)
        case "constantLine":
            // Grafana's "Save & test" renders constantLine(100). Graphite: three points over the range.
            try call.expect(atMost: 1, parameters: ["value"])
            let value = try call.number(0, "value")
            let step = max(1, (end - start) / 2)
            // Named by its value, as graphite-web names it.
            return [GraphiteSeries(name: value.text, pathExpression: "constantLine(\(value.text))", start: start, step: step,
                                   values: [value.value, value.value, value.value])]
        default:
            throw .unknownFunction(call.name)
        }
    }

    private mutating func asPercent(_ call: FunctionCall, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        try call.expect(atMost: 2, parameters: ["seriesList", "total"])
        let series = try await seriesList(call, 0, "seriesList", start: start, end: end)
        switch call.argument(1, "total") {
        case nil, .none?: return CombineFunctions.asPercent(series)
        case .number(let value, let text)?: return CombineFunctions.asPercent(series, total: value, text: text)
        case .series(let expression)?:
            return try CombineFunctions.asPercent(call, series, totals: try await evaluate(expression, start: start, end: end))
        default: throw call.bad("total must be a series, a number or None")
        }
    }
}
