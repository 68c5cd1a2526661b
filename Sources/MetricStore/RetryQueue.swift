/// Points accepted by the writer that rrdcached has not taken yet, kept in flush order.
///
/// Bounded in points: when a new flush would pass the bound, the oldest flushes are dropped whole
/// (every metric loses the same oldest span) and counted, so memory stays bounded through an
/// outage of any length and the most recent data survives.
struct RetryQueue: Sendable {
    let maxPoints: Int
    private var chunks: [[SeriesBatch]] = []
    private(set) var points = 0
    private(set) var dropped = 0

    init(maxPoints: Int) { self.maxPoints = maxPoints }

    var isEmpty: Bool { chunks.isEmpty }

    /// Appends one flush's batches; returns how many points were dropped to stay within the bound.
    @discardableResult
    mutating func append(_ batches: [SeriesBatch]) -> Int {
        let count = batches.reduce(0) { $0 + $1.points.count }
        guard count > 0 else { return 0 }
        chunks.append(batches)
        points += count
        var droppedNow = 0
        // The newest flush always stays: its size is already bounded by storage.max_pending_points.
        while points > maxPoints, chunks.count > 1 {
            let oldest = chunks.removeFirst().reduce(0) { $0 + $1.points.count }
            points -= oldest
            droppedNow += oldest
        }
        dropped += droppedNow
        return droppedNow
    }

    /// Every queued point, one batch per metric with its points in flush order.
    func merged() -> [SeriesBatch] {
        guard chunks.count > 1 else { return chunks.first ?? [] }
        var order: [MetricName] = []
        var byName: [MetricName: SeriesBatch] = [:]
        for chunk in chunks {
            for batch in chunk {
                if let index = byName.index(forKey: batch.name) {
                    byName.values[index].points += batch.points
                } else {
                    byName[batch.name] = batch
                    order.append(batch.name)
                }
            }
        }
        return order.map { byName[$0]! }
    }

    /// Empties the queue, keeping the running count of dropped points.
    mutating func removeAll() {
        chunks.removeAll()
        points = 0
    }
}

/// The retry queue's counters, exported as `metrics.self.store_queued_points` and
/// `metrics.self.store_dropped_points`.
public struct RetryQueueStatistics: Sendable, Equatable {
    public var queuedPoints = 0
    public var droppedPoints = 0

    public init(queuedPoints: Int = 0, droppedPoints: Int = 0) {
        self.queuedPoints = queuedPoints
        self.droppedPoints = droppedPoints
    }
}
