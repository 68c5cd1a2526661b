import Foundation
import MetricStore

/// Which metrics are error signals for which service tag, the windows, the thresholds and the
/// webhook for `regression` verdicts. Intended YAML (wired into MetricsConfig later):
///
///     impact:
///       windows: { before: 1h, after: 15m }
///       thresholds: { zRegression: 8, minRatio: 1.5 }      # any subset; defaults otherwise
///       webhook: https://chat.example.com/hooks/deploys
///       services:
///         web:
///           signals:
///             - { metric: app.web.http.5xx, kind: rate }
///             - { metric: app.web.errors, kind: count }
///             - { metric: app.web.latency.p95, kind: level, minAbsoluteChange: 0.05 }
///             - { metric: checks.web.http.failed, kind: failure }
public struct ImpactConfig: Codable, Sendable, Equatable {
    public var windows: ImpactWindows
    public var thresholds: ImpactThresholds
    /// Keyed by the value of a deploy's `service` tag.
    public var services: [String: ServiceSignals]
    public var webhook: URL?

    public static let maxSignals = 100

    public init(windows: ImpactWindows = .init(), thresholds: ImpactThresholds = .init(),
                services: [String: ServiceSignals] = [:], webhook: URL? = nil) {
        self.windows = windows
        self.thresholds = thresholds
        self.services = services
        self.webhook = webhook
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        windows = try container.decodeIfPresent(ImpactWindows.self, forKey: .windows) ?? .init()
        thresholds = try container.decodeIfPresent(ImpactThresholds.self, forKey: .thresholds) ?? .init()
        services = try container.decodeIfPresent([String: ServiceSignals].self, forKey: .services) ?? [:]
        webhook = try container.decodeIfPresent(URL.self, forKey: .webhook)
    }

    /// The error signals of a deploy tagged `service=NAME` (none for an unknown service).
    public func signals(forService name: String) -> [SignalConfig] { services[name]?.signals ?? [] }

    /// Checks what decoding cannot: positive bounded windows, sane thresholds, valid metric
    /// names, a bounded number of signals, an http(s) webhook.
    public func validate() throws(ImpactConfigError) {
        for (name, seconds) in [("before", windows.before), ("after", windows.after)]
        where !(60...ImpactWindows.maxWindow).contains(seconds) {
            throw .badWindow(name, seconds)
        }
        if !(0...ImpactWindows.maxWindow).contains(windows.followUp) { throw .badWindow("follow_up", windows.followUp) }
        if let problem = thresholds.problem { throw .badThresholds(problem) }
        var count = 0
        for (service, entry) in services.sorted(by: { $0.key < $1.key }) {
            guard !service.isEmpty, service.utf8.count <= 200 else { throw .badService(service) }
            for signal in entry.signals {
                do { _ = try MetricName(signal.metric) } catch { throw .badMetric(service: service, metric: signal.metric, reason: "\(error)") }
                if let minimum = signal.minAbsoluteChange, !(minimum >= 0 && minimum.isFinite) {
                    throw .badMetric(service: service, metric: signal.metric, reason: "minAbsoluteChange must be 0 or more")
                }
                count += 1
            }
        }
        guard count <= Self.maxSignals else { throw .tooManySignals(count) }
        if let webhook, !["http", "https"].contains(webhook.scheme?.lowercased() ?? "") || webhook.host == nil {
            throw .badWebhook(webhook.absoluteString)
        }
    }
}

/// The error signals of one service.
public struct ServiceSignals: Codable, Sendable, Equatable {
    public var signals: [SignalConfig]
    public init(signals: [SignalConfig]) { self.signals = signals }
}

/// One error signal: a metric and how to test it.
public struct SignalConfig: Codable, Sendable, Equatable {
    public var metric: String
    public var kind: SignalKind
    /// Overrides the thresholds' `minAbsoluteChange` (in this metric's units).
    public var minAbsoluteChange: Double?

    public init(metric: String, kind: SignalKind, minAbsoluteChange: Double? = nil) {
        self.metric = metric
        self.kind = kind
        self.minAbsoluteChange = minAbsoluteChange
    }

    /// This signal's points, ready for ``ImpactDetector``.
    public func series(_ points: [SeriesPoint]) -> SignalSeries {
        SignalSeries(metric: metric, kind: kind, points: points, minAbsoluteChange: minAbsoluteChange)
    }
}

public enum ImpactConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case badWindow(String, Int)
    case badThresholds(String)
    case badService(String)
    case badMetric(service: String, metric: String, reason: String)
    case tooManySignals(Int)
    case badWebhook(String)

    public var description: String {
        switch self {
        case let .badWindow(name, seconds):
            name == "follow_up" ? "impact window follow_up is \(seconds) s; give 0 (no second look) or a duration up to 1d"
                : "impact window \(name) is \(seconds) s; give a duration from 1m to 1d"
        case let .badThresholds(problem): "impact thresholds: \(problem)"
        case let .badService(name): "impact service name \"\(name.prefix(40))\" must be 1 to 200 bytes"
        case let .badMetric(service, metric, reason):
            "impact signal \"\(metric.prefix(80))\" of service \(service): \(reason)"
        case let .tooManySignals(count): "impact: \(count) signals configured; at most \(ImpactConfig.maxSignals)"
        case let .badWebhook(url): "impact webhook \(url.prefix(80)) must be an http or https URL with a host"
        }
    }
}
