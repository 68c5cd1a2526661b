import Foundation
import GraphRender
import Testing
@testable import TerminalQuery

/// The table and CSV against golden files. Set METRICS_UPDATE_GOLDEN=1 to rewrite them after a
/// deliberate change, then read the diff.
@Suite struct QueryTableTests {
    static let start = 1_764_338_400  // 2025-11-28 14:00 UTC
    static let utc = TimeZone(identifier: "UTC")!

    static var result: QueryResult {
        let cpu: [Double?] = (1...90).map { (index: Int) -> Double? in
            let wave = sin(Double(index) / 9)
            return 10 + 30 * wave * wave
        }
        var memory: [Double?] = Array(repeating: 8_589_934_592, count: 90)
        for gap in 40..<50 { memory[gap] = nil }
        let latency: [Double?] = (1...90).map { $0 < 60 ? 0.012 : 0.250 }
        func series(_ name: String, _ values: [Double?]) -> SeriesData.Series {
            SeriesData.Series(name: name, cf: .average, points: values.enumerated().map { .init(time: start + ($0.offset + 1) * 10, value: $0.element) })
        }
        let data = SeriesData(start: start, end: start + 900, step: 10, series: [
            series("host.cpu.total.user", cpu),
            series("host.memory.available", memory),
            series("app.web.latency.p99", latency),
            series("biz.signups.count", Array(repeating: nil, count: 90)),
        ], events: [
            TimelineEvent(start: start + 590, end: nil, kind: .deploy, label: "web v1.4.2 by alice"),
            TimelineEvent(start: start + 700, end: start + 760, kind: .rollback, label: "web v1.4.1 \u{1B}[31mred"),
        ])
        return QueryResult(patterns: ["host.**", "app.**", "biz.**"], data: data,
                           units: ["host.cpu.total.user": "%", "host.memory.available": "B", "app.web.latency.p99": "s"],
                           failures: ["host.broken": "cannot read host/broken.rrd: not an RRD file"], omitted: 2)
    }

    static func golden(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
        if ProcessInfo.processInfo.environment["METRICS_UPDATE_GOLDEN"] != nil { try text.write(to: url, atomically: true, encoding: .utf8) }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs; rerun with METRICS_UPDATE_GOLDEN=1 to see the diff")
    }

    @Test func plainTable() throws {
        try Self.golden("table-plain.txt", QueryTable(width: 100, style: TerminalStyle(colour: false), timeZone: Self.utc).render(Self.result))
    }

    @Test func colourTable() throws {
        let text = QueryTable(width: 100, style: TerminalStyle(colour: true), timeZone: Self.utc).render(Self.result)
        try Self.golden("table-colour.txt", text)
        // Colour codes only ours; the event label's escape is defused.
        #expect(!text.contains("\u{1B}[31m"))
        #expect(text.contains("\u{1B}[36m"))
    }

    /// A narrow terminal still gives one line per row, names elided in the middle.
    @Test func narrowTable() throws {
        let text = QueryTable(width: 60, style: TerminalStyle(colour: false), timeZone: Self.utc).render(Self.result)
        try Self.golden("table-narrow.txt", text)
    }

    @Test func csv() throws {
        try Self.golden("query.csv", QueryCSV.render(Self.result.data))
        let lines = QueryCSV.render(Self.result.data).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "time,host.cpu.total.user,host.memory.available,app.web.latency.p99,biz.signups.count")
        #expect(lines.count == 92)  // header, 90 rows, final newline
        #expect(lines[41] == "\(Self.start + 410),\(lines[41].split(separator: ",")[1]),,0.012,")
    }
}
