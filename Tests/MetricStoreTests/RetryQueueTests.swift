import Testing
@testable import MetricStore

/// The rrdcached backend's in-memory retry queue and replay window, on their own.
@Suite struct RetryQueueTests {
    func batch(_ name: String, _ times: [Int]) throws -> SeriesBatch {
        SeriesBatch(name: try MetricName(name), kind: .gauge, points: times.map { TimedValue(time: $0, value: Double($0)) })
    }

    @Test func mergesFlushesPerMetricInOrder() throws {
        var queue = RetryQueue(maxPoints: 100)
        queue.append([try batch("a", [10]), try batch("b", [10])])
        queue.append([try batch("b", [20]), try batch("c", [20])])
        queue.append([try batch("a", [30])])
        let merged = queue.merged()
        #expect(merged.map(\.name.rawValue) == ["a", "b", "c"])
        #expect(merged.map { $0.points.map(\.time) } == [[10, 30], [10, 20], [20]])
        #expect(queue.points == 5)
    }

    @Test func theBoundDropsWholeOldestFlushesAndKeepsTheNewest() throws {
        var queue = RetryQueue(maxPoints: 4)
        #expect(queue.append([try batch("a", [10]), try batch("b", [10])]) == 0)
        #expect(queue.append([try batch("a", [20]), try batch("b", [20])]) == 0)
        #expect(queue.append([try batch("a", [30]), try batch("b", [30])]) == 2)
        #expect(queue.merged().map { $0.points.map(\.time) } == [[20, 30], [20, 30]])
        // One flush larger than the bound stays: it is bounded by max_pending_points already.
        #expect(queue.append([try batch("a", [40, 50, 60, 70, 80])]) == 4)
        #expect(queue.points == 5)
        #expect(queue.dropped == 6)
        queue.removeAll()
        #expect(queue.isEmpty && queue.points == 0 && queue.dropped == 6)
    }

    @Test func theReplayWindowKeepsItsSpanPerMetric() throws {
        var window = ReplayWindow(span: 30)
        window.record(try batch("a", [10, 20]))
        window.record(try batch("a", [30, 40, 50]))
        window.record(try batch("b", [50]))
        #expect(window.batches[try MetricName("a")]?.points.map(\.time) == [30, 40, 50])
        #expect(window.points == 4)
        var off = ReplayWindow(span: 0)
        off.record(try batch("a", [10]))
        #expect(off.points == 0)
    }
}
