import Foundation
import MetricStore

/// The daemon's own health as metrics: `metrics.self.*`.
public struct SelfCollector: Collector {
    public let id = "self"
    public let writer: MetricWriter
    public let started: Date

    public init(writer: MetricWriter, started: Date = Date()) {
        self.writer = writer
        self.started = started
    }

    private static func name(_ suffix: String) -> MetricName { try! MetricName("metrics.self." + suffix) }

    public var series: [SeriesSpec] {
        [
            SeriesSpec(name: Self.name("uptime"), kind: .gauge, unit: "s"),
            SeriesSpec(name: Self.name("samples_accepted"), kind: .counter, unit: "samples/s"),
            SeriesSpec(name: Self.name("samples_written"), kind: .counter, unit: "samples/s"),
            SeriesSpec(name: Self.name("samples_refused"), kind: .counter, unit: "samples/s"),
            SeriesSpec(name: Self.name("pending_points"), kind: .gauge, unit: "points"),
            SeriesSpec(name: Self.name("files_created"), kind: .counter, unit: "files/s"),
            SeriesSpec(name: Self.name("flush_seconds"), kind: .gauge, unit: "s"),
        ]
    }

    public func collect(at time: Int) async throws -> [Sample] {
        let stats = await writer.currentStatistics()
        let values: [Double] = [
            Date().timeIntervalSince(started).rounded(), Double(stats.accepted), Double(stats.written),
            Double(stats.refusedTotal), Double(stats.pendingPoints), Double(stats.filesCreated), stats.lastFlushSeconds,
        ]
        return zip(series, values).map { Sample(name: $0.name, kind: $0.kind, time: time, value: $1) }
    }
}
