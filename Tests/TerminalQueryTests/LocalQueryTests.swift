import Foundation
import GraphRender
import MetricStore
import RRD
import Testing
import TestSupport
@testable import TerminalQuery

/// `metrics query`'s reading side on real RRD files of known values.
@Suite struct LocalQueryTests {
    static let t0 = 1_699_920_000
    let directory = TemporaryDirectory()

    /// The standard tiers cut to a day and a week: the same archives, a third of the size.
    static let schema = RetentionSchema(name: "test", pattern: try! MetricPattern("**"),
                                        tiers: [RetentionTier(resolution: 10, duration: 86_400), RetentionTier(resolution: 60, duration: 7 * 86_400)])
    /// Ten minutes only, for tests that write many files.
    static let tiny = RetentionSchema(name: "tiny", pattern: try! MetricPattern("**"), tiers: [RetentionTier(resolution: 10, duration: 600)])

    func write(_ name: String, _ values: [Double?], schema: RetentionSchema = schema) async throws {
        let metric = try MetricName(name)
        let file = directory.path + "/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await RRDEngine.shared.create(file, layout: schema.layout(for: .gauge), start: Self.t0)
        try await RRDEngine.shared.update(file, values.enumerated().map { RRDPoint(time: Self.t0 + ($0.offset + 1) * 10, value: $0.element) })
    }

    func query(_ patterns: [String], step: Int? = nil, limit: Int = 100) -> LocalQuery {
        LocalQuery(patterns: patterns, start: Self.t0, end: Self.t0 + 600, step: step, limit: limit)
    }

    @Test func readsEveryPointOfEveryMatch() async throws {
        try await write("host.load.1", (1...60).map { Double($0) })
        try await write("host.load.5", (1...60).map { $0 % 2 == 0 ? nil : 5 })
        try await write("app.web.hits", [1])
        guard case .result(let result) = try await query(["host.load.*"]).run(dataDirectory: directory.path) else {
            Issue.record("no result"); return
        }
        #expect(result.data.series.map(\.name) == ["host.load.1", "host.load.5"])
        #expect(result.data.step == 10)
        #expect(result.data.series[0].points.map(\.value) == (1...60).map { Double($0) })
        #expect(result.data.series[0].summary == .init(last: 60, min: 1, average: 30.5, max: 60))
        #expect(result.data.series[1].points.filter { $0.value == nil }.count == 30)
    }

    @Test func stepConsolidatesAndTooManyPointsIsAUsageError() async throws {
        try await write("host.load.1", (1...60).map { Double($0) })
        guard case .result(let result) = try await query(["host.load.1"], step: 60).run(dataDirectory: directory.path) else {
            Issue.record("no result"); return
        }
        #expect(result.data.step == 60)
        #expect(result.data.series[0].points.first?.value == 3.5)  // mean of 1...6
        let tenYears = LocalQuery(patterns: ["host.load.1"], start: Self.t0, end: Self.t0 + 3_650 * 86_400, step: 10)
        await #expect(throws: QueryError.tooManyPoints(wanted: 31_536_000, most: 20_000)) { try await tenYears.run(dataDirectory: directory.path) }
    }

    @Test func noMatchSuggestsTheNearestNames() async throws {
        try await write("host.cpu.total.user", [1])
        try await write("host.cpu.total.system", [1])
        let outcome = try await query(["host.cpu.totl.user"]).run(dataDirectory: directory.path)
        #expect(outcome == .noMatch(suggestions: ["host.cpu.total.user", "host.cpu.total.system"]))
    }

    /// A corrupt or truncated file costs its own row only, reported with why.
    @Test func aCorruptFileIsReportedAndTheRestIsRead() async throws {
        try await write("host.load.1", [1, 2, 3])
        try await write("host.load.5", [4, 5, 6])
        let corrupt = directory.path + "/host/load/15.rrd"
        try Data("not an rrd file at all".utf8).write(to: URL(fileURLWithPath: corrupt))
        let truncated = directory.path + "/host/load/5.rrd"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: truncated))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: truncated))
        guard case .result(let result) = try await query(["host.load.*"]).run(dataDirectory: directory.path) else {
            Issue.record("no result"); return
        }
        #expect(result.data.series.map(\.name) == ["host.load.1"])
        #expect(Set(result.failures.keys) == ["host.load.15", "host.load.5"])
    }

    /// 10,000 matches: bounded rows and points, the rest counted.
    @Test func manyMatchesAreBounded() async throws {
        for index in 0..<120 { try await write("app.node\(index).up", [1], schema: Self.tiny) }
        guard case .result(let result) = try await query(["app.*.up"], limit: 100).run(dataDirectory: directory.path) else {
            Issue.record("no result"); return
        }
        #expect(result.data.series.count == 100)
        #expect(result.omitted == 20)
        #expect(try query(["x"]).pointsPerSeries(series: 10_000) == LocalQuery.pointBudget / 10_000)
    }

    @Test func unitsComeFromTheCatalog() async throws {
        try await write("host.memory.free", [1_073_741_824])
        try UnitCatalog.record([try MetricName("host.memory.free"): "B"], dataDirectory: directory.path)
        guard case .result(let result) = try await query(["host.memory.free"]).run(dataDirectory: directory.path) else {
            Issue.record("no result"); return
        }
        #expect(result.units == ["host.memory.free": "B"])
        #expect(QueryTable(width: 100, style: TerminalStyle(colour: false)).render(result).contains("1.00 GiB"))
    }
}
