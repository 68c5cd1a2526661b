/// Points rrdcached acknowledged recently, per metric, kept to send again after it restarts.
///
/// rrdcached holds points in memory until its write interval (`-w`, plus `-z` jitter) passes, and
/// Debian's 1.7.2 buffers its journal in stdio: a SIGKILL or crash loses points it had already
/// acknowledged. After a connection failure the backend asks rrdcached for each file's last time
/// and sends again what this window holds after it. Bounded by time per metric (`span` seconds
/// back from its newest point), so memory is about span/step points per metric.
struct ReplayWindow: Sendable {
    let span: Int
    private(set) var batches: [MetricName: SeriesBatch] = [:]

    init(span: Int) { self.span = span }

    mutating func record(_ batch: SeriesBatch) {
        guard span > 0, let newest = batch.points.last?.time else { return }
        // Taken out of the dictionary so that appending does not copy the array.
        var kept = batches.removeValue(forKey: batch.name)?.points ?? []
        kept += batch.points
        let cutoff = newest - span
        if let first = kept.firstIndex(where: { $0.time > cutoff }), first > 0 { kept.removeFirst(first) }
        batches[batch.name] = SeriesBatch(name: batch.name, kind: batch.kind, points: kept)
    }

    var points: Int { batches.values.reduce(0) { $0 + $1.points.count } }
}
