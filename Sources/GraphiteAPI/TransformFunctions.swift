import Foundation

/// Functions that rewrite each series on its own: `scale`, `perSecond`,
/// `nonNegativeDerivative`, `summarize`.
enum TransformFunctions {
    static func apply(_ call: FunctionCall, _ series: [GraphiteSeries], from: Int) throws(GraphiteError) -> [GraphiteSeries] {
        switch call.name {
        case "scale":
            try call.expect(atMost: 2, parameters: ["seriesList", "factor"])
            let factor = try call.number(1, "factor").value
            return series.map { $0.renamed("scale(\($0.name),\(shortNumber(factor)))", values: $0.values.map { $0.map { $0 * factor } }) }
        case "perSecond", "nonNegativeDerivative":
            try call.expect(atMost: 3, parameters: ["seriesList", "maxValue", "minValue"])
            let maxValue = try call.optionalNumber(1, "maxValue")?.value, minValue = try call.optionalNumber(2, "minValue")?.value
            let perSecond = call.name == "perSecond"
            return series.map { one in
                let deltas = nonNegativeDeltas(one.values, maxValue: maxValue, minValue: minValue)
                let step = Double(one.step)
                return one.renamed("\(call.name)(\(one.name))", values: perSecond ? deltas.map { $0.map { $0 / step } } : deltas)
            }
        default:
            return try summarize(call, series, from: from)
        }
    }

    /// Graphite's `_nonNegativeDelta` over a series: the first point and any point after an
    /// unknown one are nil; a decrease is a counter reset (nil) unless `maxValue` says the
    /// counter wrapped; values outside `minValue...maxValue` are nil and restart the count.
    static func nonNegativeDeltas(_ values: [Double?], maxValue: Double?, minValue: Double?) -> [Double?] {
        var previous: Double?
        return values.map { value -> Double? in
            guard let value else { previous = nil; return nil }
            if let maxValue, value > maxValue { previous = nil; return nil }
            if let minValue, value < minValue { previous = nil; return nil }
            defer { previous = value }
            guard let last = previous else { return nil }
            if value >= last { return value - last }
            guard let maxValue else { return nil }
            return maxValue + 1 + value - last - (minValue ?? 0)
        }
    }

    /// Buckets of `intervalString` (ending at multiples of it, or counted from `from` with
    /// `alignToFrom=true`), each reduced by `func` (sum, avg, max, min, last) over its known points.
    static func summarize(_ call: FunctionCall, _ series: [GraphiteSeries], from: Int) throws(GraphiteError) -> [GraphiteSeries] {
        try call.expect(atMost: 4, parameters: ["seriesList", "intervalString", "func", "alignToFrom"])
        let intervalText = try call.string(1, "intervalString")
        let interval = try GraphiteTime.offset(intervalText)
        guard interval > 0 else { throw call.bad("intervalString must be positive, e.g. '1h'") }
        let functionName = try call.optionalString(2, "func") ?? "sum"
        guard let aggregate = Aggregate(graphiteName: functionName) else {
            throw call.bad("func '\(functionName)' is not supported; use sum, avg, max, min or last")
        }
        let alignToFrom = try call.bool(3, "alignToFrom", default: false)
        return series.map { one in
            let name = "summarize(\(one.name), \"\(intervalText)\", \"\(functionName)\"\(alignToFrom ? ", true" : ""))"
            let bucketed = one.consolidated(to: interval, aggregate, origin: alignToFrom ? from : 0, force: true)
            return bucketed.renamed(name)
        }
    }

    /// A number as Python's `%g` writes it: `2`, `0.5`, `1e-05`.
    static func shortNumber(_ value: Double) -> String {
        String(format: "%g", value)
    }
}
