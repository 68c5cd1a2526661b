import Foundation
import GraphiteAPI
import Testing

@Suite struct FormatTests {
    let series = [GraphiteSeries(name: "a,\"b\"", start: 60, step: 60, values: [1.5, nil, 3])]

    @Test func jsonHasGraphiteShape() {
        let text = String(decoding: RenderOutput.json(series), as: UTF8.self)
        #expect(text == #"[{"datapoints":[[1.5,60],[null,120],[3,180]],"tags":{"name":"a,\"b\""},"target":"a,\"b\""}]"#)
        let dense = String(decoding: RenderOutput.json(series, noNullPoints: true), as: UTF8.self)
        #expect(dense.contains(#"[[1.5,60],[3,180]]"#))
    }

    @Test func csvAndRaw() {
        let csv = RenderOutput.csv(series, timeZone: TimeZone(identifier: "UTC")!)
        #expect(csv == "\"a,\"\"b\"\"\",1970-01-01 00:01:00,1.5\r\n\"a,\"\"b\"\"\",1970-01-01 00:02:00,\r\n\"a,\"\"b\"\"\",1970-01-01 00:03:00,3\r\n")
        #expect(RenderOutput.raw(series) == "a,\"b\",60,240,60|1.5,None,3\n")
    }

    @Test func maxDataPointsAveragesWholeBuckets() {
        let long = GraphiteSeries(name: "x", start: 120, step: 60, values: (1...10).map(Double.init))
        let fitted = SeriesAlignment.fit(long, maxPoints: 4)
        // 3 points per bucket; buckets end at multiples of 180: the first (120, 180) is partial and dropped.
        #expect(fitted.step == 180)
        #expect(fitted.start == 360)
        #expect(fitted.values == [4, 7, 9.5])
        #expect(SeriesAlignment.fit(long, maxPoints: 10) == long)
    }

    @Test(arguments: [
        ("-6h", 1_764_000_000 - 21_600), ("now-6h", 1_764_000_000 - 21_600), ("-5min", 1_764_000_000 - 300),
        ("now", 1_764_000_000), ("1763990000", 1_763_990_000), ("14:30_20251124", 1_763_994_600), ("20251124", 1_763_942_400),
    ])
    func graphiteTimes(_ text: String, _ expected: Int) throws {
        #expect(try GraphiteTime.time(text, parameter: "from", now: 1_764_000_000, timeZone: TimeZone(identifier: "UTC")!) == expected)
    }

    @Test func badTimesSayWhatWorks() {
        #expect { try GraphiteTime.range(from: "yesterdayish", until: nil, now: 1_764_000_000) } throws: { "\($0)".contains("HH:MM_YYYYMMDD") }
        #expect { try GraphiteTime.range(from: "now", until: "-1h", now: 1_764_000_000) } throws: { "\($0)".contains("must be before") }
        #expect { try GraphiteTime.time("25:00_20251124", parameter: "from", now: 0) } throws: { _ in true }
    }

    @Test func findAndExpand() throws {
        let names = ["host.a.cpu", "host.a.load", "host.b.load", "host.b", "app.x"]
        let found = try MetricTree.find("host.*", in: names, limit: 100)
        #expect(found.nodes.map(\.path) == ["host.a", "host.b", "host.b"])
        #expect(found.nodes.map(\.leaf) == [false, true, false])
        #expect(try MetricTree.find("*", in: names, limit: 100).nodes.map(\.path) == ["app", "host"])
        #expect(try MetricTree.find("host.{a,b}.load", in: names, limit: 100).nodes.map(\.leaf) == [true, true])
        let expanded = try MetricTree.expand(["host.*.load", "app.*"], in: names, leavesOnly: false, limit: 100)
        #expect(expanded.paths == ["app.x", "host.a.load", "host.b.load"])
        #expect(try MetricTree.find("host.*.*", in: names, limit: 2).truncated)
    }
}
