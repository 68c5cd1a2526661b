import MetricStore
import Testing
@testable import StatsD

/// The daemon parses datagrams straight into the aggregator (`StatsDSink`); the push API and the
/// other tests go through `StatsDMetric`s. Both paths must aggregate the same.
@Suite struct StatsDSinkTests {
    static let datagram = [
        "hits:1|c", "hits:2|c|@0.5", "hits:3|c",
        "level:10|g", "level:+5|g", "level:-2|g",
        "took:10|ms", "took:20:30|ms|@0.5", "took:5|h",
        "users:alice|s", "users:bob|s", "users:alice|s", "users:\u{e9}|s",
        "page.views:1|c|#env:prod,host:a", "page.views:4|c|#env:dev",
        "mixed:1|c:250|ms",          // a name keeps its first kind: the timer value is a conflict
        "bad/name:1|c", "ok:1|c:x|ms",  // refused whole: bad name, bad value
        "hits:1|c",
    ].joined(separator: "\n")

    static func viaMetrics() -> (samples: [String: Double], summary: StatsDParseResult, conflicts: Int) {
        var aggregator = StatsDAggregator(StatsDAggregation())
        let parsed = StatsDParser.parse(datagram, tagSegments: ["env"])
        aggregator.add(parsed.metrics)
        return (byName(aggregator.flush(at: 1000, interval: 10)), parsed, aggregator.typeConflicts)
    }

    static func viaSink() -> (samples: [String: Double], summary: StatsDParseSummary, conflicts: Int) {
        var aggregator = StatsDAggregator(StatsDAggregation())
        var text = datagram
        let summary = text.withUTF8 { StatsDParser.parse(UnsafeRawBufferPointer($0), tagSegments: ["env"], into: &aggregator) }
        return (byName(aggregator.flush(at: 1000, interval: 10)), summary, aggregator.typeConflicts)
    }

    static func byName(_ samples: [Sample]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: samples.map { ($0.name.rawValue, $0.value) })
    }

    @Test func bothPathsAggregateTheSame() {
        let metrics = Self.viaMetrics(), sink = Self.viaSink()
        #expect(sink.samples == metrics.samples)
        #expect(sink.summary.values == metrics.summary.metrics.count)
        #expect(sink.summary.badLines == metrics.summary.badLines)
        #expect(sink.conflicts == 1 && metrics.conflicts == 1)
    }

    @Test func theSinkPathGivesTheExpectedValues() {
        let out = Self.viaSink().samples
        #expect(out["hits.count"] == 9)  // 1 + 2 / 0.5 + 3 + 1
        #expect(out["level"] == 13)
        #expect(out["took.count"] == 6)  // 1 + 2 × 1 / 0.5 + 1
        #expect(out["took.max"] == 30 && out["took.min"] == 5)
        #expect(out["users.unique"] == 3)
        #expect(out["page.views.prod.count"] == 1 && out["page.views.dev.count"] == 4)
        #expect(out["mixed.count"] == 1 && out["mixed.mean"] == nil)
        #expect(out.keys.allSatisfy { !$0.hasPrefix("ok") && !$0.hasPrefix("bad") })
        #expect(Self.viaSink().summary.badLines.counts == [.badName: 1, .badValue: 1])
    }

    /// A name seen before is found by its bytes; one never seen is validated, and refused whole.
    @Test func knownNamesAndRefusedNamesThroughTheSink() {
        var aggregator = StatsDAggregator(StatsDAggregation())
        var first = "a.b:1|c\n..:1|c\na.b:2|c"
        let summary = first.withUTF8 { StatsDParser.parse(UnsafeRawBufferPointer($0), into: &aggregator) }
        #expect(summary.values == 2 && summary.badLines.counts == [.badName: 1])
        #expect(aggregator.distinctMetrics == 1)
        #expect(Self.byName(aggregator.flush(at: 10, interval: 1))["a.b.count"] == 3)
    }
}
