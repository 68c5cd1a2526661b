import Foundation

/// Functions that read data outside the requested range: `movingAverage` reads a window's
/// worth before the start, `timeShift` reads a shifted range. Both evaluate their series
/// argument again over that range, as Graphite does.
extension GraphiteEvaluator {
    mutating func movingAverage(_ call: FunctionCall, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        try call.expect(atMost: 3, parameters: ["seriesList", "windowSize", "xFilesFactor"])
        let xFilesFactor = try call.optionalNumber(2, "xFilesFactor")?.value ?? 0
        guard (0...1).contains(xFilesFactor) else { throw call.bad("xFilesFactor must be between 0 and 1") }
        let preview: Int, label: String, points: Int?
        switch call.argument(1, "windowSize") {
        case .string(let text)?:
            preview = abs(try GraphiteTime.offset(text))
            (label, points) = ("\"\(text)\"", nil)
        case .number(let value, let text)?:
            guard value == value.rounded(), (1...Double(GraphiteLimits.maxWindowPoints)).contains(value) else {
                throw call.bad("windowSize must be a whole number of points from 1 to \(GraphiteLimits.maxWindowPoints), or a duration such as '5min'")
            }
            // The step is known only once the series are read.
            let steps = try await seriesList(call, 0, "seriesList", start: start, end: end).map(\.step)
            guard let step = steps.max() else { return [] }
            preview = Int(value) * step
            (label, points) = (text, Int(value))
        default:
            throw call.bad("give windowSize as a number of points (5) or a duration ('5min')")
        }
        guard preview <= GraphiteTime.maxSpan else { throw call.bad("the window is longer than ten years") }
        let previewed = try await seriesList(call, 0, "seriesList", start: start - preview, end: end)
        return previewed.map { one in
            let window = points ?? max(1, preview / one.step)
            let first = one.values.indices.first { one.time($0) > start } ?? one.values.count
            let values = (first..<one.values.count).map { index -> Double? in
                let known = one.values[max(0, index - window + 1)...index].compactMap { $0 }
                guard !known.isEmpty, Double(known.count) / Double(window) >= xFilesFactor else { return nil }
                return known.reduce(0, +) / Double(known.count)
            }
            var result = one.renamed("movingAverage(\(one.name),\(label))", values: values)
            result.start = one.time(first)
            return result
        }
    }

    mutating func timeShift(_ call: FunctionCall, start: Int, end: Int) async throws(GraphiteError) -> [GraphiteSeries] {
        try call.expect(atMost: 4, parameters: ["seriesList", "timeShift", "resetEnd", "alignDST"])
        var text = try call.string(1, "timeShift").trimmingCharacters(in: .whitespaces)
        // Graphite: an unsigned shift goes back in time.
        if text.first?.isNumber == true { text = "-" + text }
        let delta = try GraphiteTime.offset(text)
        guard abs(delta) <= GraphiteTime.maxSpan else { throw call.bad("the shift is longer than ten years") }
        _ = try call.bool(2, "resetEnd", default: true)
        _ = try call.bool(3, "alignDST", default: false)
        return try await seriesList(call, 0, "seriesList", start: start + delta, end: end + delta).map { one in
            var shifted = one.renamed("timeShift(\(one.name), \"\(text)\")")
            shifted.pathExpression = one.pathExpression
            shifted.start = one.start - delta
            return shifted
        }
    }
}
