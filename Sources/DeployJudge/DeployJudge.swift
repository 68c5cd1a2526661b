import DeployImpact
import EventStore
import GraphRender
import MetricStore

/// Judges recorded deploys against the RRD files of a data directory: reads each error signal of
/// the deploy's `service` tag over the baseline, the after-window (with its follow-up) and the same windows one day
/// and one week earlier, and hands them to ``ImpactDetector``.
public struct DeployJudge: Sendable {
    /// The event tag whose value picks the service's signals in ``ImpactConfig/services``.
    public static let serviceTag = "service"

    public let config: ImpactConfig
    public let dataDirectory: String

    public init(config: ImpactConfig, dataDirectory: String) {
        self.config = config
        self.dataDirectory = dataDirectory
    }

    /// The error signals of this event's service; empty when it has no `service` tag or the
    /// service has none configured (such an event is not judged).
    public func signals(for event: Event) -> [SignalConfig] {
        event.tags[Self.serviceTag].map(config.signals(forService:)) ?? []
    }

    /// The verdict on `event` as of `now`, or nil when it has no configured signals.
    public func assess(_ event: Event, now: Int) async -> DeployImpactResult? {
        let signals = signals(for: event)
        guard !signals.isEmpty else { return nil }
        let deploy = DeployTime(start: event.start, end: event.end)
        var series: [SignalSeries] = []
        // Not yet judgeable: the detector says so without points; reading them would be wasted.
        if now >= deploy.settled + config.windows.after {
            for signal in signals { series.append(signal.series(await points(signal.metric, around: deploy))) }
        } else {
            series = signals.map { $0.series([]) }
        }
        return ImpactDetector.assess(deploy, signals: series, now: now, windows: config.windows, thresholds: config.thresholds)
    }

    /// The points of one metric in the windows around the deploy and one day and one week
    /// earlier, each read at the finest archive that holds it. A missing file or a failed read
    /// gives no points (the verdict is then `noData`).
    func points(_ metric: String, around deploy: DeployTime) async -> [SeriesPoint] {
        guard let name = try? MetricName(metric) else { return [] }
        var result: [SeriesPoint] = []
        for lag in [7 * 86_400, 86_400, 0] {
            let start = deploy.start - config.windows.before - lag
            let end = deploy.settled + config.windows.after + config.windows.followUp - lag
            guard let data = try? await SeriesExport.data([SeriesRequest(metric: name)], start: start, end: end,
                                                          maxPoints: GraphLimits.maxPoints.upperBound, dataDirectory: dataDirectory),
                  let series = data.series.first else { continue }
            result += series.points.map { SeriesPoint(time: $0.time, value: $0.value) }
        }
        return result
    }
}
