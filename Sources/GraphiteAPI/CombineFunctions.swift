/// Functions that combine series point by point: the aggregates and `asPercent`. Series are
/// aligned to one step first (`SeriesAlignment`), as Graphite's `normalize` does.
enum CombineFunctions {
    /// `sumSeries` (and average, max, min): nil where every series is nil; an empty list gives
    /// no series, as in Graphite.
    static func aggregate(_ function: String, _ series: [GraphiteSeries]) -> [GraphiteSeries] {
        guard !series.isEmpty else { return [] }
        let (aggregate, tag): (Aggregate, String) = switch function {
        case "averageSeries": (.average, "average")
        case "maxSeries": (.max, "max")
        case "minSeries": (.min, "min")
        default: (.sum, "sum")
        }
        let name = "\(function)(\(expressions(series)))"
        let (start, step, rows) = SeriesAlignment.align(series)
        let values = columns(rows).map { aggregate.apply($0.compactMap { $0 }) }
        return [GraphiteSeries(name: name, tags: ["name": name, "aggregatedBy": tag], start: start, step: step, values: values)]
    }

    /// Graphite's `formatPathExpressions`: the distinct path expressions, sorted, comma-joined.
    static func expressions(_ series: [GraphiteSeries]) -> String {
        Set(series.map(\.pathExpression)).sorted().joined(separator: ",")
    }

    /// Each series as a percentage of the sum of all of them.
    static func asPercent(_ series: [GraphiteSeries]) -> [GraphiteSeries] {
        guard let total = aggregate("sumSeries", series).first else { return [] }
        return series.map { percent($0, of: total) }
    }

    static func asPercent(_ series: [GraphiteSeries], total: Double, text: String) -> [GraphiteSeries] {
        series.map { one in
            one.renamed("asPercent(\(one.name),\(text))", values: one.values.map { value in
                value.flatMap { total == 0 ? nil : $0 / total * 100 }
            })
        }
    }

    /// Over one total series, or pairwise over as many totals (matched by sorted name, as Graphite does).
    static func asPercent(_ call: FunctionCall, _ series: [GraphiteSeries], totals: [GraphiteSeries]) throws(GraphiteError) -> [GraphiteSeries] {
        if totals.count == 1 { return series.map { percent($0, of: totals[0]) } }
        guard totals.count == series.count else {
            throw call.bad("total is \(totals.count) series for \(series.count); give one total series or one per series")
        }
        return zip(series.sorted { $0.name < $1.name }, totals.sorted { $0.name < $1.name }).map { percent($0, of: $1) }
    }

    private static func percent(_ series: GraphiteSeries, of total: GraphiteSeries) -> GraphiteSeries {
        let (start, step, rows) = SeriesAlignment.align([series, total])
        let values = zip(rows[0], rows[1]).map { value, sum -> Double? in
            guard let value, let sum, sum != 0 else { return nil }
            return value / sum * 100
        }
        var result = series.renamed("asPercent(\(series.name),\(total.name))", values: values)
        result.start = start
        result.step = step
        return result
    }

    /// Rows of equal length turned into per-time columns.
    static func columns(_ rows: [[Double?]]) -> [[Double?]] {
        guard let count = rows.first?.count else { return [] }
        return (0..<count).map { index in rows.map { $0[index] } }
    }
}
