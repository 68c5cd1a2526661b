import Curl
import DeployImpact
import EventStore
import Foundation
import MetricStore
import RRD
import Testing
import TestSupport
@testable import MetricsDaemon

/// The judge loop's steps, called directly with a real event store and real RRD files at known
/// times: `noData` is provisional until the retry window is over, each deploy is counted once,
/// and a configuration applied through ``ImpactSettings`` is used at the next step.
@Suite struct ImpactRetryTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()
    /// A midnight (UTC); the deploy is two hours in, the data runs three hours.
    static let t0 = 1_699_920_000
    static let deployed = t0 + 7_200
    static let web = ImpactConfig(windows: ImpactWindows(before: 3_600, after: 900),
                                  services: ["web": ServiceSignals(signals: [SignalConfig(metric: "app.web.http.5xx", kind: .rate)])])
    /// The first step the deploy is due at: after-window over, plus one step.
    static let due = deployed + 900 + 60
    static let deadline = deployed + 900 + ImpactService.retryWindow

    var data: String { directory.path + "/data" }

    func service(_ config: ImpactConfig, logs: CapturedLogs = CapturedLogs()) throws -> (ImpactService, EventStoreQueue) {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let events = EventStoreQueue(store: try EventStore(dataDirectory: data))
        let settings = ImpactSettings(config, dataDirectory: data, client: client, logger: logs.logger)
        let writer = MetricWriter(backend: try LocalRRDBackend(dataDirectory: data), logger: logs.logger)
        return (ImpactService(settings: settings, events: events, writer: writer, step: 60, logger: logs.logger), events)
    }

    /// One point a minute from t0 for three hours: about 2, from `jumpAt` on about `jumpTo`.
    func writeRate(_ name: String, jumpAt: Int? = nil, jumpTo: Double = 0) async throws {
        try await writeRate(name) { time in jumpAt.map { time > $0 } == true ? jumpTo : 2 }
    }

    /// One point a minute from t0 for three hours: `level(time)` plus a little fixed noise.
    func writeRate(_ name: String, level: (Int) -> Double) async throws {
        let file = data + "/" + (try MetricName(name)).relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let schema = RetentionSchema(name: "t", pattern: try MetricPattern("**"), tiers: [RetentionTier(resolution: 60, duration: 2 * 86_400)])
        try await RRDEngine.shared.create(file, layout: schema.layout(for: .gauge), start: Self.t0)
        let points = (1...180).map { minute in
            let time = Self.t0 + minute * 60, noise = [0.1, -0.15, 0.05, 0.2, -0.1, 0, -0.05, 0.15][minute % 8]
            return RRDPoint(time: time, value: level(time) + noise)
        }
        try await RRDEngine.shared.update(file, points)
    }

    func deploy(_ events: EventStoreQueue, _ what: String = "web v2", service: String = "web") async throws -> Int64 {
        try await events.record(NewEvent(start: Self.deployed, what: what, tags: ["service": service], source: .cli)).id
    }

    @Test func aDeployJudgedWithoutDataBecomesARegressionOnceTheDataArrives() async throws {
        let logs = CapturedLogs()
        let (impact, events) = try service(Self.web, logs: logs)
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)
        #expect(try await events.verdicts(of: [id])[id] == StoredVerdict(verdict: "noData", judged: Self.due))
        // Still nothing: judged again, not stored again, not counted.
        #expect(await impact.judgeDue(now: Self.due + 60).isEmpty)
        #expect(try await events.verdicts(of: [id])[id]?.judged == Self.due)

        try await writeRate("app.web.http.5xx", jumpAt: Self.deployed, jumpTo: 10)
        #expect(await impact.judgeDue(now: Self.due + 120) == [.regression])
        #expect(try await events.verdicts(of: [id])[id] == StoredVerdict(verdict: "regression", judged: Self.due + 120))
        let stored = try await events.impacts(of: [id])[id].flatMap(DeployImpactResult.init(jsonText:))
        #expect(stored?.worst?.metric == "app.web.http.5xx" && stored?.verdict == .regression)
        // Final: not judged or counted again.
        #expect(await impact.judgeDue(now: Self.due + 180).isEmpty)
        #expect(logs.count(containing: "impact: regression after web v2") == 1)
        #expect(logs.count(containing: "impact: noData after web v2") == 1)
    }

    @Test func aDeployWithoutDataIsOKWhenTheDataArrivesSteady() async throws {
        let (impact, events) = try service(Self.web)
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)
        try await writeRate("app.web.http.5xx")
        #expect(await impact.judgeDue(now: Self.deadline - 1) == [.ok])
        #expect(try await events.verdicts(of: [id])[id]?.verdict == "ok")
    }

    @Test func noDataIsFinalAndCountedOnceAtTheEndOfTheRetryWindow() async throws {
        let (impact, events) = try service(Self.web)
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)
        #expect(await impact.judgeDue(now: Self.deadline - 1).isEmpty)
        #expect(await impact.judgeDue(now: Self.deadline) == [.noData])
        #expect(try await events.verdicts(of: [id])[id] == StoredVerdict(verdict: "noData", judged: Self.deadline))
        // Data arriving later changes nothing: the verdict is final.
        try await writeRate("app.web.http.5xx", jumpAt: Self.deployed, jumpTo: 10)
        #expect(await impact.judgeDue(now: Self.deadline + 60).isEmpty)
        #expect(try await events.verdicts(of: [id])[id]?.verdict == "noData")
    }

    /// The second look: `after + followUp` past the deploy, plus a step.
    static let secondLook = deployed + 900 + 900 + 60

    @Test func aSlowRampIsProvisionalAtFirstAndARegressionOnTheSecondLook() async throws {
        let logs = CapturedLogs()
        let (impact, events) = try service(Self.web, logs: logs)
        // 2 per second before the deploy, then 0.05 more every minute.
        try await writeRate("app.web.http.5xx") { time in 2 + 0.05 * Double(max(0, time - Self.deployed)) / 60 }
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)  // provisional: not counted
        let first = try await events.impacts(of: [id])[id].flatMap(DeployImpactResult.init(jsonText:))
        #expect(first?.verdict == .suspect, "\(String(describing: first))")
        #expect(first?.finalAt == Self.deployed + 1_800)
        // Not judged again before the second look.
        #expect(await impact.judgeDue(now: Self.secondLook - 60).isEmpty)
        #expect(try await events.verdicts(of: [id])[id]?.judged == Self.due)
        #expect(await impact.judgeDue(now: Self.secondLook) == [.regression])
        let final = try await events.impacts(of: [id])[id].flatMap(DeployImpactResult.init(jsonText:))
        #expect(final?.verdict == .regression && final?.finalAt == nil)
        #expect(await impact.judgeDue(now: Self.secondLook + 60).isEmpty)
        #expect(logs.count(containing: "provisional") == 1)
    }

    @Test func aCleanDeployIsCountedOnceOnItsFinalOK() async throws {
        let (impact, events) = try service(Self.web)
        try await writeRate("app.web.http.5xx")
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)
        #expect(try await events.verdicts(of: [id])[id] == StoredVerdict(verdict: "ok", judged: Self.due))
        #expect(await impact.judgeDue(now: Self.secondLook) == [.ok])
        #expect(try await events.verdicts(of: [id])[id] == StoredVerdict(verdict: "ok", judged: Self.secondLook))
        #expect(await impact.judgeDue(now: Self.secondLook + 60).isEmpty)
    }

    @Test func withoutAFollowUpTheFirstVerdictIsFinal() async throws {
        var config = Self.web
        config.windows.followUp = 0
        let (impact, events) = try service(config)
        try await writeRate("app.web.http.5xx")
        _ = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due) == [.ok])
        #expect(await impact.judgeDue(now: Self.secondLook).isEmpty)
    }

    @Test func aServiceAddedToTheSettingsIsJudgedAtTheNextStep() async throws {
        let api = ImpactConfig(windows: Self.web.windows,
                               services: ["api": ServiceSignals(signals: [SignalConfig(metric: "app.api.http.5xx", kind: .rate)])])
        let (impact, events) = try service(api)
        try await writeRate("app.web.http.5xx", jumpAt: Self.deployed, jumpTo: 10)
        let id = try await deploy(events)
        #expect(await impact.judgeDue(now: Self.due).isEmpty)
        #expect(try await events.verdicts(of: [id]).isEmpty)
        #expect(impact.settings.update(Self.web))
        #expect(impact.settings.update(Self.web) == false)
        #expect(await impact.judgeDue(now: Self.due + 60) == [.regression])
    }
}
