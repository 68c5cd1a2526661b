import DeployImpact
import DeployJudge
import EventStore

extension ImpactService {
    /// Judges every due deploy; returns the final verdicts stored, one per deploy, which the
    /// caller counts.
    ///
    /// A deploy is due once its after-window is over and it has no stored verdict, or only a
    /// provisional `noData` one. `noData` is provisional until `settled + after + retryWindow`:
    /// until then the deploy is judged again each step and the stored row replaced as soon as
    /// the verdict changes. A `noData` judged at or after that time is final (its stored
    /// `judged` time says so, across restarts). `ok`, `suspect` and `regression` are final at
    /// once. Each deploy is counted and sent to the webhook once, on its final verdict.
    func judgeDue(now: Int) async -> [ImpactVerdict] {
        let current = settings.current
        let judge = current.judge
        let windows = judge.config.windows
        let provisional = ImpactVerdict.noData.rawValue
        let deadline = { (event: Event) in DeployTime(start: event.start, end: event.end).settled + windows.after + Self.retryWindow }
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
                !judge.signals(for: event).isEmpty && DeployTime(start: event.start, end: event.end).settled + windows.after + step <= now
            }
            stored = try await events.verdicts(of: candidates.map(\.id))
            due = candidates.filter { event in
                guard let verdict = stored[event.id] else { return true }
                return verdict.verdict == provisional && verdict.judged < deadline(event)
            }
        } catch {
            logger.warning("impact: cannot read the events: \(error)")
            return []
        }
        var counted: [ImpactVerdict] = []
        for event in due.sorted(by: { $0.start < $1.start }) {
            guard let result = await judge.assess(event, now: now) else { continue }
            let final = result.verdict != .noData || now >= deadline(event)
            // Still no data and not final: the stored row already says so.
            if !final, stored[event.id] != nil { continue }
            do {
                guard try await events.saveImpact(eventID: event.id, verdict: result.verdict.rawValue, json: result.jsonText(),
                                                  judged: now, replacing: provisional) else { continue }
            } catch {
                logger.warning("impact: the verdict on event \(event.id) was not stored: \(error)")
                continue
            }
            guard final else {
                logger.info("impact: \(ImpactWebhook.text(event, result)) [event \(event.id)]; judged again each step for up to \(Self.retryWindow / 60) min")
                continue
            }
            counted.append(result.verdict)
            logger.info("impact: \(ImpactWebhook.text(event, result)) [event \(event.id)]")
            if result.verdict == .regression { await current.webhook?.send(event, result) }
        }
        return counted
    }
}
