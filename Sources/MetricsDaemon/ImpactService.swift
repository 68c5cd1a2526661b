import DeployImpact
import DeployJudge
import EventStore
import Foundation
import Logging
import MetricStore
import ServiceLifecycle

/// Judges deploys once per step: each deploy of a configured service whose after-window has
/// completed (plus one step, so the writer has flushed its last points) and that has no stored
/// verdict yet is judged, the verdict stored (so `GET /api/v1/events` shows it and a restart
/// does not judge it again), counted in `metrics.self.deploys.<verdict>` and, for a
/// `regression`, sent to the webhook.
struct ImpactService: Service {
    let judge: DeployJudge
    let events: EventStoreQueue
    let writer: MetricWriter
    let webhook: ImpactWebhook?
    let step: Int
    let logger: Logger

    /// Deploys older than this (past their after-window) are not picked up: after a long outage
    /// the daemon judges the last two days, not the whole history.
    static let lookback = 2 * 86_400
    static let counted: [ImpactVerdict] = [.ok, .suspect, .regression, .noData]

    func run() async throws {
        var totals = Dictionary(uniqueKeysWithValues: Self.counted.map { ($0, 0) })
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(step)) }
            guard !Task.isShuttingDownGracefully else { break }
            let now = Int(Date().timeIntervalSince1970)
            for verdict in await judgeDue(now: now) { totals[verdict, default: 0] += 1 }
            _ = await writer.submit(Self.samples(totals, at: now))
        }
    }

    /// Judges every due deploy; returns the verdicts stored.
    func judgeDue(now: Int) async -> [ImpactVerdict] {
        let windows = judge.config.windows
        let due: [Event]
        do {
            // Per service: a flood of other events cannot push a deploy out of the limit.
            var recent: [Event] = []
            for service in judge.config.services.keys.sorted() {
                // A name no tag value can have (too long) has no deploys to judge.
                guard let filter = try? TagFilter(key: DeployJudge.serviceTag, value: service) else { continue }
                recent += try await events.events(from: now - windows.after - Self.lookback, until: now, tags: [filter], limit: 1_000)
            }
            let candidates = recent.filter { event in
                !judge.signals(for: event).isEmpty && DeployTime(start: event.start, end: event.end).settled + windows.after + step <= now
            }
            let judged = try await events.impacts(of: candidates.map(\.id))
            due = candidates.filter { judged[$0.id] == nil }
        } catch {
            logger.warning("impact: cannot read the events: \(error)")
            return []
        }
        var stored: [ImpactVerdict] = []
        for event in due.sorted(by: { $0.start < $1.start }) {
            guard let result = await judge.assess(event, now: now) else { continue }
            do {
                guard try await events.saveImpact(eventID: event.id, verdict: result.verdict.rawValue, json: result.jsonText(), judged: now) else { continue }
            } catch {
                logger.warning("impact: the verdict on event \(event.id) was not stored: \(error)")
                continue
            }
            stored.append(result.verdict)
            logger.info("impact: \(ImpactWebhook.text(event, result)) [event \(event.id)]")
            if result.verdict == .regression { await webhook?.send(event, result) }
        }
        return stored
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
