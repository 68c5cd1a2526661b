import Foundation
import Testing
import TestSupport
@testable import RRD

/// Round trips on real files at fixed epochs; expected values follow rrdcreate(1)'s rules.
@Suite struct RRDRoundTripTests {
    let t0 = 1_700_000_000  // a multiple of the step, so updates land on step boundaries
    let engine = RRDEngine.shared
    let directory = TemporaryDirectory()

    func layout(_ type: DataSourceType, min: Double? = nil) -> RRDLayout {
        RRDLayout(step: 10, sources: [DataSource(type: type, heartbeat: 20, min: min)],
                  archives: [Archive(.average, stepsPerRow: 1, rows: 100), Archive(.max, stepsPerRow: 6, rows: 10)])
    }

    func roundTrip(_ type: DataSourceType, min: Double? = nil, _ updates: [(Int, Double)]) async throws -> [Double?] {
        let path = directory.file("\(type.rawValue).rrd")
        try await engine.create(path, layout: layout(type, min: min), start: t0 - 10)
        try await engine.update(path, updates.map { RRDPoint(time: t0 + $0.0, value: $0.1) })
        let result = try await engine.fetch(path, .average, start: t0, end: t0 + 30)
        #expect(result.step == 10)
        #expect(result.start == t0)
        return Array(result.values.prefix(3))
    }

    @Test func gaugeStoresLevels() async throws {
        let values = try await roundTrip(.gauge, [(10, 5), (20, 7.5), (30, -2)])
        #expect(values == [5, 7.5, -2])
    }

    @Test func counterStoresRatePerSecond() async throws {
        let values = try await roundTrip(.counter, [(0, 100), (10, 200), (20, 400), (30, 700)])
        #expect(values == [10, 20, 30])
    }

    @Test func deriveWithMinZeroTurnsResetIntoGap() async throws {
        let values = try await roundTrip(.derive, min: 0, [(0, 1_000), (10, 1_100), (20, 50), (30, 150)])
        #expect(values == [10, nil, 10], "a counter reset must be unknown, not a spike")
    }

    @Test func dderiveTakesDecimalsAndTurnsResetIntoGap() async throws {
        let values = try await roundTrip(.dderive, min: 0, [(0, 0.5), (10, 10.5), (20, 1), (30, 3.5)])
        #expect(values == [1, nil, 0.25])
    }

    @Test func absoluteStoresCountPerSecond() async throws {
        // The first count is spread over the 20 s since the file's start.
        let values = try await roundTrip(.absolute, [(10, 50), (20, 100), (30, 0)])
        #expect(values == [2.5, 10, 0])
    }

    @Test func unknownValuesComeBackAsNil() async throws {
        let values = try await roundTrip(.gauge, [(10, 1), (20, .nan), (30, 3)])
        #expect(values == [1, nil, 3])
    }

    @Test func duplicateTimestampIsRefusedWithItsOwnKind() async throws {
        let path = directory.file("dup.rrd")
        try await engine.create(path, layout: layout(.gauge), start: t0)
        try await engine.update(path, [RRDPoint(time: t0 + 10, value: 1)])
        let error = await #expect(throws: RRDError.self) {
            try await engine.update(path, [RRDPoint(time: t0 + 10, value: 2)])
        }
        #expect(error?.kind == .updateNotAfterLast)
        // The sticky librrd error must not leak into the next call.
        try await engine.update(path, [RRDPoint(time: t0 + 20, value: 3)])
        #expect(try await engine.lastUpdate(path).time == t0 + 20)
    }

    @Test func lastUpdateAndInfoDescribeTheFile() async throws {
        let path = directory.file("info.rrd")
        try await engine.create(path, layout: layout(.derive, min: 0), start: t0)
        try await engine.update(path, [RRDPoint(time: t0 + 10, value: 42)])
        let last = try await engine.lastUpdate(path)
        #expect(last.time == t0 + 10)
        #expect(last.values["value"] == 42)
        let info = try await engine.info(path)
        #expect(info.number("step") == 10)
        #expect(info.text("ds[value].type") == "DERIVE")
        #expect(info.number("ds[value].min") == 0)
        #expect(info.text("rra[0].cf") == "AVERAGE")
        #expect(info.text("rra[1].cf") == "MAX")
        #expect(info.number("rra[1].rows") == 10)
    }

    @Test func coarserArchiveConsolidates() async throws {
        let path = directory.file("max.rrd")
        let start = 1_700_000_040  // a multiple of 60, so rows of 6 steps hold 1...6 and 7...12
        try await engine.create(path, layout: layout(.gauge), start: start)
        try await engine.update(path, (1...12).map { RRDPoint(time: start + $0 * 10, value: Double($0)) })
        let result = try await engine.fetch(path, .max, start: start, end: start + 120, resolution: 60)
        #expect(result.step == 60)
        #expect(Array(result.values.prefix(2)) == [6, 12])
    }

    @Test func missingFileIsAClearError() async throws {
        let error = await #expect(throws: RRDError.self) {
            try await engine.fetch(directory.file("nope.rrd"), .average, start: t0, end: t0 + 10)
        }
        #expect(error?.kind == .noSuchFile)
        #expect(error?.description.contains("nope.rrd") == true)
    }

    @Test func createRefusesToOverwrite() async throws {
        let path = directory.file("keep.rrd")
        try await engine.create(path, layout: layout(.gauge), start: t0)
        try await engine.update(path, [RRDPoint(time: t0 + 10, value: 1)])
        await #expect(throws: RRDError.self) {
            try await engine.create(path, layout: layout(.gauge), start: t0)
        }
        #expect(try await engine.lastUpdate(path).time == t0 + 10)
    }
}
