import MetricStore
import Testing
@testable import StatsD

@Suite struct StatsDAggregatorTests {
    /// Feeds `lines`, flushes at `time`, and returns the samples by name.
    static func step(_ aggregator: inout StatsDAggregator, _ lines: [String], at time: Int, interval: Int = 10) -> [String: Double] {
        let parsed = StatsDParser.parse(lines.joined(separator: "\n"))
        #expect(parsed.badLines.counts.isEmpty, "\(parsed.badLines.examples)")
        aggregator.add(parsed.metrics)
        let samples = aggregator.flush(at: time, interval: interval)
        #expect(samples.allSatisfy { $0.time == time && $0.kind == .gauge })
        #expect(Set(samples.map(\.name)).count == samples.count, "one sample per name")
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.name.rawValue, $0.value) })
    }

    static func aggregator(_ change: (inout StatsDAggregation) -> Void = { _ in }) -> StatsDAggregator {
        var config = StatsDAggregation()
        change(&config)
        return StatsDAggregator(config)
    }

    @Test func sampledCountersAreScaled() {
        var aggregator = Self.aggregator()
        let out = Self.step(&aggregator, Array(repeating: "a:1|c|@0.1", count: 5), at: 1000)
        #expect(out == ["a.count": 50, "a.rate": 5])
    }

    @Test func countersSumWithinAStepAndResetAfter() {
        var aggregator = Self.aggregator()
        #expect(Self.step(&aggregator, ["hits:3|c", "hits:2|c", "hits:1|c:4|c"], at: 10) == ["hits.count": 10, "hits.rate": 1])
        #expect(Self.step(&aggregator, ["hits:7|c"], at: 20, interval: 7) == ["hits.count": 7, "hits.rate": 1])
    }

    @Test func gaugeSetsAndDeltas() {
        var aggregator = Self.aggregator()
        #expect(Self.step(&aggregator, ["g:10|g", "g:-3|g", "g:+5|g", "fresh:+3|g", "neg:-5|g"], at: 10)
            == ["g": 12, "fresh": 3, "neg": -5])
        #expect(Self.step(&aggregator, ["g:-2|g", "fresh:1|g"], at: 20) == ["g": 10, "fresh": 1, "neg": -5])
    }

    @Test func gaugesKeepTheirLevelAcrossSteps() {
        var keep = Self.aggregator()
        _ = Self.step(&keep, ["g:12|g"], at: 10)
        #expect(Self.step(&keep, [], at: 20) == ["g": 12])
        #expect(Self.step(&keep, [], at: 30) == ["g": 12])

        var once = Self.aggregator { $0.gaugeKeep = false }
        #expect(Self.step(&once, ["g:12|g"], at: 10) == ["g": 12])
        #expect(Self.step(&once, [], at: 20) == [:])
        #expect(Self.step(&once, ["g:+1|g"], at: 30) == ["g": 13], "the level is held while the gauge is")
    }

    /// Reference: nearest rank computed here with integer arithmetic, rank = ⌈p·n/100⌉.
    @Test func timerStatisticsAndPercentiles() throws {
        var aggregator = Self.aggregator { $0.percentiles = [50, 90, 99, 99.9, 100] }
        var random = SplitMix64(seed: 2024)
        let values = (0..<1000).map { _ in Double(random.next() % 1_000_000) / 1000 }
        let out = Self.step(&aggregator, values.map { "api.latency:\($0)|ms" }, at: 10)

        let sorted = values.sorted()
        func reference(permille: Int) -> Double {
            let rank = (permille * sorted.count + 999) / 1000
            return sorted[rank - 1]
        }
        #expect(out["api.latency.count"] == 1000)
        #expect(try #require(out["api.latency.mean"]).isApproximatelyEqual(to: values.reduce(0, +) / 1000))
        #expect(out["api.latency.min"] == sorted.first)
        #expect(out["api.latency.max"] == sorted.last)
        #expect(out["api.latency.p50"] == reference(permille: 500))
        #expect(out["api.latency.p90"] == reference(permille: 900))
        #expect(out["api.latency.p99"] == reference(permille: 990))
        #expect(out["api.latency.p99_9"] == reference(permille: 999))
        #expect(out["api.latency.p100"] == sorted.last)
        #expect(out.count == 9)
    }

    @Test func timersCountBySampleRateAndHistogramsAndDistributionsAreTimers() {
        var aggregator = Self.aggregator { $0.percentiles = [50] }
        let out = Self.step(&aggregator, ["t:2|ms|@0.5", "t:4|ms|@0.5", "h:1:2:3|h", "d:5|d|@0.25"], at: 10)
        #expect(out == [
            "t.count": 4, "t.mean": 3, "t.min": 2, "t.max": 4, "t.p50": 2,
            "h.count": 3, "h.mean": 2, "h.min": 1, "h.max": 3, "h.p50": 2,
            "d.count": 4, "d.mean": 5, "d.min": 5, "d.max": 5, "d.p50": 5,
        ])
    }

    @Test func percentilesOutsideTheRangeAreLeftOut() {
        var aggregator = Self.aggregator { $0.percentiles = [0, -5, 101, .nan, 75] }
        let out = Self.step(&aggregator, ["t:1|ms"], at: 10)
        #expect(Set(out.keys) == ["t.count", "t.mean", "t.min", "t.max", "t.p75"])
    }

    @Test func theReservoirBoundsMemoryAndKeepsCountsExact() throws {
        var aggregator = Self.aggregator { $0.timerReservoir = 100 }
        for value in 1...10_000 {
            aggregator.add(StatsDMetric(name: try MetricName("t"), type: .timer, value: Double(value)))
        }
        let out = Dictionary(uniqueKeysWithValues: aggregator.flush(at: 10, interval: 10).map { ($0.name.rawValue, $0.value) })
        #expect(out["t.count"] == 10_000)
        #expect(out["t.mean"] == 5000.5)
        #expect(out["t.min"] == 1)
        #expect(out["t.max"] == 10_000)
        let median = try #require(out["t.p50"])
        #expect(median > 2000 && median < 8000, "a uniform sample's median: \(median)")
    }

    @Test func setsCountDistinctMembersPerStep() {
        var aggregator = Self.aggregator()
        #expect(Self.step(&aggregator, ["u:a|s", "u:b|s", "u:a|s"], at: 10) == ["u.unique": 2])
        #expect(Self.step(&aggregator, ["u:c|s"], at: 20) == ["u.unique": 1])

        var capped = Self.aggregator { $0.maxSetMembers = 3 }
        #expect(Self.step(&capped, (0..<10).map { "u:m\($0)|s" }, at: 10) == ["u.unique": 3])
    }

    @Test func idleMetricsWriteZeroOrNothing() {
        let lines = ["c:1|c", "t:1|ms", "s:x|s"]
        var defaults = Self.aggregator()
        _ = Self.step(&defaults, lines, at: 10)
        #expect(Self.step(&defaults, [], at: 20) == ["c.count": 0, "c.rate": 0, "s.unique": 0])

        var gaps = Self.aggregator {
            $0.idleCounters = .gap
            $0.idleSets = .gap
        }
        _ = Self.step(&gaps, lines, at: 10)
        #expect(Self.step(&gaps, [], at: 20) == [:])
        #expect(gaps.distinctMetrics == 3, "idle, not forgotten")

        var zeros = Self.aggregator { $0.idleTimers = .zero }
        _ = Self.step(&zeros, lines, at: 10)
        #expect(Self.step(&zeros, [], at: 20) == ["c.count": 0, "c.rate": 0, "s.unique": 0, "t.count": 0])
    }

    @Test func idleMetricsAreForgotten() {
        var aggregator = Self.aggregator()
        _ = Self.step(&aggregator, ["c:1|c", "g:5|g"], at: 0)
        #expect(Self.step(&aggregator, [], at: 3590) == ["c.count": 0, "c.rate": 0, "g": 5])
        #expect(aggregator.distinctMetrics == 2)
        #expect(Self.step(&aggregator, [], at: 3600) == [:])
        #expect(aggregator.distinctMetrics == 0)
        #expect(Self.step(&aggregator, ["g:+1|g"], at: 3610) == ["g": 1], "a forgotten gauge starts again from 0")
    }

    @Test func newNamesPastTheCapAreDroppedAndCounted() {
        var aggregator = Self.aggregator {
            $0.maxMetrics = 3
            $0.forgetAfter = 20
        }
        let out = Self.step(&aggregator, ["a:1|c", "b:1|g", "c:1|s", "d:1|c", "e:1|ms", "a:2|c"], at: 10)
        #expect(out == ["a.count": 3, "a.rate": 0.3, "b": 1, "c.unique": 1])
        #expect(aggregator.distinctMetrics == 3)
        #expect(aggregator.droppedNewMetrics == 2)

        _ = Self.step(&aggregator, ["a:1|c"], at: 20)
        _ = Self.step(&aggregator, ["a:1|c"], at: 30)  // b and c forgotten here
        #expect(aggregator.distinctMetrics == 1)
        #expect(Self.step(&aggregator, ["d:1|c"], at: 40) == ["a.count": 0, "a.rate": 0, "d.count": 1, "d.rate": 0.1])
        #expect(aggregator.droppedNewMetrics == 2)
    }

    @Test func aNameKeepsItsKind() {
        var aggregator = Self.aggregator()
        let out = Self.step(&aggregator, ["x:1|c", "x:5|g", "x:1|ms", "x:2|c"], at: 10)
        #expect(out == ["x.count": 3, "x.rate": 0.3])
        #expect(aggregator.typeConflicts == 2)
    }

    @Test func namesWithoutRoomForASuffixAreDropped() throws {
        let deep = Array(repeating: "a", count: 16).joined(separator: ".")
        var aggregator = Self.aggregator()
        let out = Self.step(&aggregator, ["\(deep):1|c", "\(deep):1|ms", "\(deep):3|g"], at: 10)
        #expect(out == [deep: 3])
        #expect(aggregator.unnamable == 2)
    }

    @Test(arguments: [(50.0, "p50"), (90, "p90"), (99.9, "p99_9"), (99.99, "p99_99"), (0.5, "p0_5"), (100, "p100")])
    func percentileNames(_ percentile: Double, _ segment: String) {
        #expect(Percentiles.segment(percentile) == segment)
    }

    @Test func nearestRankOnSmallSets() {
        #expect(Percentiles.nearestRank([15, 20, 35, 40, 50], 5) == 15)
        #expect(Percentiles.nearestRank([15, 20, 35, 40, 50], 30) == 20)
        #expect(Percentiles.nearestRank([15, 20, 35, 40, 50], 40) == 20)
        #expect(Percentiles.nearestRank([15, 20, 35, 40, 50], 50) == 35)
        #expect(Percentiles.nearestRank([15, 20, 35, 40, 50], 100) == 50)
        #expect(Percentiles.nearestRank([7], 1) == 7)
    }
}

extension Double {
    func isApproximatelyEqual(to other: Double) -> Bool {
        abs(self - other) <= 1e-9 * max(abs(self), abs(other), 1)
    }
}
