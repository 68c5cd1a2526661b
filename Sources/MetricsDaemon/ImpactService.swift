import DeployImpact
import EventStore
import Foundation
import Logging
import MetricStore
import ServiceLifecycle

/// Judges deploys once per step: each deploy of a configured service whose after-window has
/// completed (plus one step, so the writer has flushed its last points) is judged, the verdict
/// stored (so `GET /api/v1/events` shows it and a restart does not judge it again), counted in
/// `metrics.self.deploys.<verdict>` and, for a `regression`, sent to the webhook.
///
/// The configuration is read from `settings` at every step, so a SIGHUP reload applies to the
/// next step. A `noData` verdict is provisional (see ``judgeDue(now:)``).
struct ImpactService: Service {
    let settings: ImpactSettings
    let events: EventStoreQueue
    let writer: MetricWriter
    let step: Int
    let logger: Logger

    /// Deploys older than this (past their after-window) are not picked up: after a long outage
    /// the daemon judges the last two days, not the whole history.
    static let lookback = 2 * 86_400
    /// How long past its after-window a `noData` deploy is judged again, every step. The points
    /// of a signal can arrive late: a metric first written after the deploy (a new error
    /// counter), a collector or the app's StatsD client down for a while, RRD files restored
    /// from a backup. An hour covers those without re-reading dead signals all day.
    static let retryWindow = 3_600
    static let counted: [ImpactVerdict] = [.ok, .suspect, .regression, .noData]

    func run() async throws {
        var totals = Dictionary(uniqueKeysWithValues: Self.counted.map { ($0, 0) })
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(step)) }
            guard !Task.isShuttingDownGracefully else { break }
            let now = Int(Date().timeIntervalSince1970)
            let configured = !settings.current.judge.config.services.isEmpty
            for verdict in await judgeDue(now: now) { totals[verdict, default: 0] += 1 }
            // No counter files on a daemon that has never judged anything.
            guard configured || totals.values.contains(where: { $0 > 0 }) else { continue }
            _ = await writer.submit(Self.samples(totals, at: now))
        }
    }

    /// `metrics.self.deploys.ok`, `.suspect`, `.regression`, `.no_data`: verdicts since start.
    static func samples(_ totals: [ImpactVerdict: Int], at time: Int) -> [Sample] {
        counted.compactMap { verdict in
            let suffix = verdict == .noData ? "no_data" : verdict.rawValue
            return (try? MetricName("metrics.self.deploys.\(suffix)")).map {
                Sample(name: $0, kind: .counter, time: time, value: Double(totals[verdict] ?? 0))
            }
        }
    }
}
