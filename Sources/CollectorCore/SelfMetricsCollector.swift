import Foundation
import MetricStore

/// The daemon's own health as metrics: `metrics.self.*`.
public struct SelfCollector: Collector {
    public let id = "self"
    public let interval: Int?
    public let writer: MetricWriter
    public let started: Date

    public init(writer: MetricWriter, started: Date = Date(), interval: Int? = nil) {
        self.writer = writer
        self.started = started
        self.interval = interval
    }

    private static func spec(_ suffix: String, _ kind: MetricKind, _ unit: String) -> SeriesSpec {
        SeriesSpec(name: try! MetricName("metrics.self." + suffix), kind: kind, unit: unit, min: 0)
    }

    static let series: [SeriesSpec] = [
        spec("uptime", .gauge, "s"),
        spec("samples_accepted", .counter, "samples/s"),
        spec("samples_written", .counter, "samples/s"),
        spec("samples_refused", .counter, "samples/s"),
        spec("pending_points", .gauge, "points"),
        spec("files_created", .counter, "files/s"),
        spec("flush_seconds", .gauge, "s"),
        spec("store_queued_points", .gauge, "points"),
        spec("store_dropped_points", .counter, "points/s"),
    ]

    public func declaredSeries() async throws -> [SeriesSpec] { Self.series }

    public func collect(at time: Int) async throws -> [Sample] {
        let stats = await writer.currentStatistics()
        let values: [Double] = [
            Date().timeIntervalSince(started).rounded(), Double(stats.accepted), Double(stats.written),
            Double(stats.refusedTotal), Double(stats.pendingPoints), Double(stats.filesCreated), stats.lastFlushSeconds,
            Double(stats.storeQueuedPoints), Double(stats.storeDroppedPoints),
        ]
        return zip(Self.series, values).map { $0.sample($1, at: time) }
    }
}
