import DeployImpact
import DeployJudge
import EventStore

extension ImpactService {
    /// Judges every due deploy; returns the final verdicts stored, one per deploy, which the
    /// caller counts.
    ///
    /// A deploy is due once its after-window is over (plus a step) and it has no stored verdict,
    /// or a provisional one:
    /// - `noData` until `settled + after + retryWindow`: judged again each step;
    /// - `ok` or `suspect` judged before the second look (`settled + after + followUp`, see
    ///   ``ImpactWindows/followUp``): judged again once that time (plus a step) has come.
    ///
    /// A changed verdict replaces the stored row. `regression` is final at once. Each deploy is
    /// counted and sent to the webhook once, on its final verdict.
    func judgeDue(now: Int) async -> [ImpactVerdict] {
        let current = settings.current
        let judge = current.judge
        let windows = judge.config.windows
        let due: [Event]
        let stored: [Int64: StoredVerdict]
        do {
            // Per service: a flood of other events cannot push a deploy out of the limit.
            var recent: [Event] = []
            for service in judge.config.services.keys.sorted() {
                // A name no tag value can have (too long) has no deploys to judge.
                guard let filter = try? TagFilter(key: DeployJudge.serviceTag, value: service) else { continue }
                recent += try await events.events(from: now - windows.after - Self.lookback, until: now, tags: [filter], limit: 1_000)
            }
            let candidates = recent.filter { event in
                !judge.signals(for: event).isEmpty && settled(event) + windows.after + step <= now
            }
            stored = try await events.verdicts(of: candidates.map(\.id))
            due = candidates.filter { event in stored[event.id].map { isDue(event, $0, windows: windows, now: now) } ?? true }
        } catch {
            logger.warning("impact: cannot read the events: \(error)")
            return []
        }
        var counted: [ImpactVerdict] = []
        for event in due.sorted(by: { $0.start < $1.start }) {
            guard let result = await judge.assess(event, now: now) else { continue }
            let final = isFinal(result, event, windows: windows, now: now)
            // Still the same provisional verdict: the stored row already says so.
            if !final, stored[event.id]?.verdict == result.verdict.rawValue { continue }
            do {
                guard try await events.saveImpact(eventID: event.id, verdict: result.verdict.rawValue, json: result.jsonText(),
                                                  judged: now, replacing: Self.provisional.map(\.rawValue)) else { continue }
            } catch {
                logger.warning("impact: the verdict on event \(event.id) was not stored: \(error)")
                continue
            }
            guard final else {
                let until = result.finalAt ?? (settled(event) + windows.after + Self.retryWindow)
                logger.info("impact: \(ImpactWebhook.text(event, result)) [event \(event.id)]; provisional, judged again until \(until)")
                continue
            }
            counted.append(result.verdict)
            logger.info("impact: \(ImpactWebhook.text(event, result)) [event \(event.id)]")
            if result.verdict == .regression { await current.webhook?.send(event, result) }
        }
        return counted
    }

    /// Verdicts a later judgement may replace.
    static let provisional: [ImpactVerdict] = [.noData, .ok, .suspect]

    private func settled(_ event: Event) -> Int { DeployTime(start: event.start, end: event.end).settled }

    /// Whether a deploy with this stored verdict is judged again now.
    private func isDue(_ event: Event, _ stored: StoredVerdict, windows: ImpactWindows, now: Int) -> Bool {
        switch ImpactVerdict(rawValue: stored.verdict) {
        case .noData: return stored.judged < settled(event) + windows.after + Self.retryWindow
        case .ok, .suspect:
            let secondLook = windows.finalAt(settled: settled(event))
            return windows.followUp > 0 && stored.judged < secondLook && now >= secondLook + step
        default: return false
        }
    }

    /// A verdict no later judgement replaces.
    private func isFinal(_ result: DeployImpactResult, _ event: Event, windows: ImpactWindows, now: Int) -> Bool {
        switch result.verdict {
        case .noData: now >= settled(event) + windows.after + Self.retryWindow
        case .ok, .suspect: result.finalAt == nil
        default: true
        }
    }
}
