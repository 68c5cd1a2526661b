import MetricStore
import RRD

/// The agent's backend: every batch the writer flushes goes to the central under
/// `hosts.<host>.`, and also to the local files when `keep_local` is set. Reads are the local ones.
public struct ForwardingBackend: MetricBackend {
    public let host: String
    let courier: Courier
    /// The local store, written too with `central.keep_local: true`, and read.
    let local: any MetricBackend
    let keepLocal: Bool
    /// A body stays well under the central's limit on request bodies.
    static let maxBodyBytes = 512 << 10

    public func write(_ batches: [SeriesBatch]) async -> WriteReport {
        var report = keepLocal ? await local.write(batches) : WriteReport()
        let (bodies, unnamed) = Self.bodies(for: batches, host: host)
        // A name that is too long or too deep once prefixed is counted as a failed write.
        for (_, count) in unnamed { report.refused[.writeFailed, default: 0] += count }
        for body in bodies {
            let stored = await courier.deliver(body.encoded(), samples: body.sampleCount)
            if !keepLocal, stored { report.written += body.sampleCount }
            if !stored { report.refused[.writeFailed, default: 0] += body.sampleCount }
        }
        return report
    }

    /// The batches as request bodies of bounded size, and the metrics whose prefixed name is invalid.
    static func bodies(for batches: [SeriesBatch], host: String) -> ([AgentBatch], [(MetricName, Int)]) {
        var bodies: [AgentBatch] = []
        var unnamed: [(MetricName, Int)] = []
        var current = AgentBatch(host: host, series: [])
        var size = 0
        for batch in batches {
            let name = "hosts.\(host).\(batch.name)"
            guard (try? MetricName(name)) != nil else {
                unnamed.append((batch.name, batch.points.count))
                continue
            }
            let series = AgentBatch.Series(name: name, kind: batch.kind, times: batch.points.map(\.time), values: batch.points.map(\.value))
            let estimate = name.utf8.count + 40 + 34 * batch.points.count
            if size + estimate > maxBodyBytes, !current.series.isEmpty {
                bodies.append(current)
                current.series = []
                size = 0
            }
            current.series.append(series)
            size += estimate
        }
        if !current.series.isEmpty { bodies.append(current) }
        return (bodies, unnamed)
    }

    public func list(matching pattern: MetricPattern?) async throws -> [MetricSummary] {
        try await local.list(matching: pattern)
    }

    public func fetch(_ name: MetricName, _ cf: Consolidation, start: Int, end: Int, resolution: Int?) async throws -> FetchResult {
        try await local.fetch(name, cf, start: start, end: end, resolution: resolution)
    }

    public var dataDirectory: String { local.dataDirectory }

    /// Retention and limits are the local files' (the central applies its own).
    public func reconfigure(policy: RetentionPolicy, limits: StorageLimits) {
        local.reconfigure(policy: policy, limits: limits)
    }

    public func retryStatistics() -> RetryQueueStatistics { local.retryStatistics() }
}
