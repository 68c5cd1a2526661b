import CollectorCore
import MetricStore

/// The agent's link as metrics, `metrics.self.agent.*` (forwarded like the rest, so the central
/// shows each agent's buffer under `hosts.<host>.metrics.self.agent.*`).
public struct AgentCollector: Collector {
    public let id = "agent"
    let courier: Courier

    public init(link: AgentLink) { courier = link.courier }

    private static func spec(_ suffix: String, _ kind: MetricKind, _ unit: String) -> SeriesSpec {
        SeriesSpec(name: try! MetricName("metrics.self.agent." + suffix), kind: kind, unit: unit, min: 0)
    }

    static let series: [SeriesSpec] = [
        spec("samples_sent", .counter, "samples/s"),
        spec("samples_replayed", .counter, "samples/s"),
        spec("samples_dropped", .counter, "samples/s"),
        spec("samples_rejected", .counter, "samples/s"),
        spec("buffer_bytes", .gauge, "B"),
        spec("failed_sends", .counter, "sends/s"),
    ]

    public func declaredSeries() async throws -> [SeriesSpec] { Self.series }

    public func collect(at time: Int) async throws -> [Sample] {
        let stats = await courier.currentStatistics()
        let values = [stats.sentSamples, stats.replayedSamples, stats.droppedSamples + stats.lostSamples,
                      stats.rejectedSamples, stats.bufferedBytes, stats.failedSends].map(Double.init)
        return zip(Self.series, values).map { $0.sample($1, at: time) }
    }
}
