import DeployImpact
import EventStore
import Foundation
import MetricStore
import RRD
import TestSupport

/// A data directory with one-minute RRD files of known error rates around deploys at known times.
struct ImpactFixture: Sendable {
    /// A midnight (UTC): every archive step divides it.
    static let t0 = 1_699_920_000
    /// Deploys happen two hours into the data; the data runs three hours.
    static let deployTime = t0 + 7_200
    static let dataEnd = t0 + 3 * 3_600

    let directory = TemporaryDirectory()
    var path: String { directory.path }

    static let config = ImpactConfig(
        windows: ImpactWindows(before: 3_600, after: 900),
        services: ["web": ServiceSignals(signals: [SignalConfig(metric: "app.web.http.5xx", kind: .rate)]),
                   "api": ServiceSignals(signals: [SignalConfig(metric: "app.api.http.5xx", kind: .rate)])]
    )

    static let schema = RetentionSchema(name: "test", pattern: try! MetricPattern("**"),
                                        tiers: [RetentionTier(resolution: 60, duration: 2 * 86_400)])

    /// Writes a rate of about 2 per second with a little deterministic noise, one value per
    /// minute from t0 to dataEnd; from `jumpAt` on it is `jumpTo` instead.
    func writeRate(_ name: String, jumpAt: Int? = nil, jumpTo: Double = 0) async throws {
        let metric = try MetricName(name)
        let file = path + "/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await RRDEngine.shared.create(file, layout: Self.schema.layout(for: .gauge), start: Self.t0)
        let points = (1...(Self.dataEnd - Self.t0) / 60).map { minute in
            let time = Self.t0 + minute * 60
            let noise = [0.1, -0.15, 0.05, 0.2, -0.1, 0, -0.05, 0.15][minute % 8]
            let value = jumpAt.map { time > $0 } == true ? jumpTo + noise : 2 + noise
            return RRDPoint(time: time, value: value)
        }
        try await RRDEngine.shared.update(file, points)
    }

    static func deploy(_ what: String, service: String, at start: Int = deployTime, id: Int64 = 1) -> Event {
        Event(id: id, start: start, what: what, tags: ["service": service, "kind": "deploy"], source: .cli, created: start)
    }
}
