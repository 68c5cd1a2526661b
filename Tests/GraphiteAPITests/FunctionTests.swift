import GraphiteAPI
import Testing

/// Functions over known values; expectations worked out by hand from graphite-web's semantics.
@Suite struct FunctionTests {
    static let source = MemorySource([
        GraphiteSeries(name: "host.web.load", start: 60, step: 60, values: [1, 2, nil, 4, 5]),
        GraphiteSeries(name: "host.db.load", start: 60, step: 60, values: [3, nil, nil, 0, 1]),
        GraphiteSeries(name: "app.requests", start: 60, step: 60, values: [10, 20, 5, nil, 30, 40]),
        // A coarser series: two minutes per point.
        GraphiteSeries(name: "slow.load", start: 120, step: 120, values: [10, 20]),
        GraphiteSeries(name: "long.load", start: 60, step: 60, values: (1...20).map(Double.init)),
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var target: String
        var names: [String]
        var values: [[Double?]]
        var testDescription: String { target }
    }

    @Test(arguments: [
        Case(target: "sumSeries(host.*.load)", names: ["sumSeries(host.*.load)"], values: [[4, 2, nil, 4, 6]]),
        Case(target: "averageSeries(host.*.load)", names: ["averageSeries(host.*.load)"], values: [[2, 2, nil, 2, 3]]),
        Case(target: "maxSeries(host.web.load, host.db.load)", names: ["maxSeries(host.db.load,host.web.load)"], values: [[3, 2, nil, 4, 5]]),
        Case(target: "minSeries(host.*.load)", names: ["minSeries(host.*.load)"], values: [[1, 2, nil, 0, 1]]),
        Case(target: "scale(host.web.load, 0.5)", names: ["scale(host.web.load,0.5)"], values: [[0.5, 1, nil, 2, 2.5]]),
        Case(target: "nonNegativeDerivative(app.requests)", names: ["nonNegativeDerivative(app.requests)"], values: [[nil, 10, nil, nil, nil, 10]]),
        Case(target: "perSecond(app.requests)", names: ["perSecond(app.requests)"], values: [[nil, 10.0 / 60, nil, nil, nil, 10.0 / 60]]),
        Case(target: "perSecond(app.requests, 25)", names: ["perSecond(app.requests)"], values: [[nil, 10.0 / 60, (25 + 1 + 5 - 20) / 60.0, nil, nil, nil]]),
        Case(target: "asPercent(host.*.load)", names: ["asPercent(host.db.load,sumSeries(host.*.load))", "asPercent(host.web.load,sumSeries(host.*.load))"],
             values: [[75, nil, nil, 0, 1.0 / 6 * 100], [25, 100, nil, 100, 5.0 / 6 * 100]]),
        Case(target: "asPercent(host.web.load, 8)", names: ["asPercent(host.web.load,8)"], values: [[12.5, 25, nil, 50, 62.5]]),
        Case(target: "asPercent(host.web.load, host.db.load)", names: ["asPercent(host.web.load,host.db.load)"], values: [[1.0 / 3 * 100, nil, nil, nil, 500]]),
        Case(target: "alias(host.web.load, 'web: 100% \"up\"')", names: ["web: 100% \"up\""], values: [[1, 2, nil, 4, 5]]),
        Case(target: "aliasByNode(scale(host.web.load, 2), 1)", names: ["web"], values: [[2, 4, nil, 8, 10]]),
        Case(target: "aliasByNode(host.*.load, 0, -2)", names: ["host.db", "host.web"], values: [[3, nil, nil, 0, 1], [1, 2, nil, 4, 5]]),
        Case(target: "aliasSub(host.*.load, '^host\\.(\\w+)\\.load$', 'the \\1 box')", names: ["the db box", "the web box"],
             values: [[3, nil, nil, 0, 1], [1, 2, nil, 4, 5]]),
        // What Grafana 10+ wraps every query in, to find the refId in the answer.
        Case(target: #"aliasSub(sumSeries(host.*.load), "(^.*$)", "\1 A")"#, names: ["sumSeries(host.*.load) A"], values: [[4, 2, nil, 4, 6]]),
        Case(target: "constantLine(100)", names: ["100"], values: [[100, 100, 100]]),
        Case(target: "aliasSub(host.web.load, 'o', '$0')", names: ["h$0st.web.l$0ad"], values: [[1, 2, nil, 4, 5]]),
        Case(target: "summarize(host.web.load, '2min')", names: ["summarize(host.web.load, \"2min\", \"sum\")"], values: [[3, 4, 5]]),
        Case(target: "summarize(host.web.load, '2min', 'max', true)", names: ["summarize(host.web.load, \"2min\", \"max\", true)"], values: [[2, 4, 5]]),
        Case(target: "summarize(host.web.load, '3min', func='avg')", names: ["summarize(host.web.load, \"3min\", \"avg\")"], values: [[1.5, 4.5]]),
        Case(target: "summarize(host.web.load, '2min', 'last')", names: ["summarize(host.web.load, \"2min\", \"last\")"], values: [[2, 4, 5]]),
        // Buckets end at multiples of the interval and hold the points up to that time: (0, 120] is 1 and 2.
        // 1-min and 2-min series: consolidated to 2 min (averages 1.5, 4, 5) before summing.
        Case(target: "sumSeries(host.web.load, slow.load)", names: ["sumSeries(host.web.load,slow.load)"], values: [[11.5, 24, 5]]),
        Case(target: "sumSeries(nothing.*)", names: [], values: []),
    ])
    func evaluates(_ test: Case) async throws {
        let result = try await evaluate(test.target, Self.source, start: 0, end: 600)
        #expect(result.map(\.name) == test.names)
        #expect(result.map(\.values) == test.values)
    }

    @Test func aggregatesCarryGraphiteTags() async throws {
        let sum = try await evaluate("sumSeries(host.*.load)", Self.source)
        #expect(sum.first?.tags == ["name": "sumSeries(host.*.load)", "aggregatedBy": "sum"])
        let plain = try await evaluate("host.web.load", Self.source)
        #expect(plain.first?.tags == ["name": "host.web.load"])
    }

    @Test func movingAverageReadsTheWindowBeforeTheStart() async throws {
        // From 300: points at 360... of 1...20 (at 60...1200); each averages the 3 points up to it.
        let points = try await evaluate("movingAverage(long.load, 3)", Self.source, start: 300, end: 600)
        #expect(points.map(\.name) == ["movingAverage(long.load,3)"])
        #expect(points.first?.start == 360)
        #expect(points.first?.values == [5, 6, 7, 8, 9])
        let duration = try await evaluate("movingAverage(long.load, '2min')", Self.source, start: 300, end: 600)
        #expect(duration.map(\.name) == ["movingAverage(long.load,\"2min\")"])
        #expect(duration.first?.values == [5.5, 6.5, 7.5, 8.5, 9.5])
        let gaps = try await evaluate("movingAverage(host.web.load, 2)", Self.source, start: 120, end: 300)
        #expect(gaps.first?.values == [2, 4, 4.5], "a window's unknown points are skipped")
    }

    @Test func timeShiftReadsTheShiftedRangeAndMovesItBack() async throws {
        let shifted = try await evaluate("timeShift(long.load, '5min')", Self.source, start: 600, end: 900)
        #expect(shifted.map(\.name) == ["timeShift(long.load, \"-5min\")"])
        #expect(shifted.first?.start == 660)
        #expect(shifted.first?.values == [6, 7, 8, 9, 10])
        let forward = try await evaluate("timeShift(long.load, '+1min')", Self.source, start: 0, end: 120)
        #expect(forward.first?.values == [2, 3])
        #expect(forward.first?.start == 60)
    }

    @Test(arguments: [
        ("fooBar(a.b)", "unknown function fooBar; supported: alias, aliasByNode, aliasSub, asPercent"),
        ("scale(host.web.load)", "scale: give factor as a number"),
        ("scale(host.web.load, 'x')", "factor must be a number"),
        ("summarize(host.web.load, '1h', 'median')", "func 'median' is not supported"),
        ("summarize(host.web.load, 'soon')", "not a time offset"),
        ("movingAverage(host.web.load, 0)", "windowSize must be a whole number"),
        ("aliasByNode(host.web.load)", "give at least one node"),
        ("aliasSub(host.web.load, '(a+)+b', 'x')", "repeated group"),
        ("aliasSub(host.web.load, '[', 'x')", "not a valid regular expression"),
        ("alias(host.web.load, 'x', colour='red')", "has no parameter colour"),
        ("alias(host.web.load, 'x', 'y')", "takes at most 2 arguments"),
        ("summarize(host.web.load, '1h', fn='max')", "has no parameter fn"),
        ("asPercent(host.*.load, app.*, 1)", "at most 2 arguments"),
        ("asPercent(host.*.load, {long,app,slow}.*)", "total is 3 series for 2"),
        ("alias(1, 'x')", "must be a series"),
    ])
    func refusesWithAnswer(_ target: String, _ fragment: String) async {
        await #expect {
            try await evaluate(target, Self.source)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test func tenThousandExpansionsFailBeforeAnyRead() async {
        await #expect(throws: GraphiteError.tooManySeries(pattern: "many.*", limit: GraphiteLimits.maxSeries)) {
            try await evaluate("sumSeries(many.*)", MemorySource.many(10_000))
        }
        // The budget is per request: two targets of 300 each cross it too.
        var evaluator = GraphiteEvaluator(source: MemorySource.many(300))
        _ = try? await evaluator.evaluate("many.*", start: 0, end: 600)
        await #expect(throws: GraphiteError.self) { try await evaluator.evaluate("many.*", start: 0, end: 600) }
    }
}
