import DeployImpact
import Foundation
import Yams

/// The `impact:` section: which metrics are error signals for deploys tagged `service=NAME`,
/// the windows, the thresholds and the webhook. Shape problems are reported at their line;
/// then ``ImpactConfig/validate()`` checks the values as a whole, reported at `impact`.
extension ConfigReader {
    static var thresholdKeys: [(key: String, path: WritableKeyPath<ImpactThresholds, Double>)] { [
        ("z_suspect", \.zSuspect), ("z_regression", \.zRegression), ("p_suspect", \.pSuspect),
        ("p_regression", \.pRegression), ("min_ratio", \.minRatio), ("min_level_ratio", \.minLevelRatio),
        ("min_absolute_change", \.minAbsoluteChange), ("min_extra_events", \.minExtraEvents),
        ("min_failed_fraction_rise", \.minFailedFractionRise), ("min_spread_fraction", \.minSpreadFraction),
        ("min_coverage", \.minCoverage),
    ] }

    mutating func readImpact(_ node: Node) -> ImpactConfig {
        var config = ImpactConfig()
        let before = problems.count
        for (key, value) in entries(node, "impact", known: ["windows", "thresholds", "webhook", "services"]) {
            switch key {
            case "windows": readImpactWindows(value, into: &config.windows)
            case "thresholds": readThresholds(value, into: &config.thresholds)
            case "webhook":
                guard let text = string(value, "impact.webhook") else { continue }
                if let url = URL(string: text) { config.webhook = url } else { problem(value, "impact.webhook", "expected a URL such as https://chat.example.com/hooks/deploys") }
            case "services": config.services = readServices(value)
            default: break
            }
        }
        if problems.count == before {
            do { try config.validate() } catch { problem(node, "impact", error.description) }
        }
        return config
    }

    private mutating func readImpactWindows(_ node: Node, into windows: inout ImpactWindows) {
        for (key, value) in entries(node, "impact.windows", known: ["before", "after", "follow_up"]) {
            // follow_up: 0 turns the second look off; durations are otherwise positive.
            let off = key == "follow_up" && ["0", "off"].contains(value.scalar?.string ?? "")
            guard let seconds = off ? 0 : duration(value, "impact.windows.\(key)") else { continue }
            switch key {
            case "before": windows.before = seconds
            case "after": windows.after = seconds
            default: windows.followUp = seconds
            }
        }
    }

    private mutating func readThresholds(_ node: Node, into thresholds: inout ImpactThresholds) {
        let known = Self.thresholdKeys.map(\.key) + ["spike_tolerance", "max_effective_points"]
        for (key, value) in entries(node, "impact.thresholds", known: known) {
            let path = "impact.thresholds.\(key)"
            switch key {
            case "spike_tolerance": duration(value, path).map { thresholds.spikeTolerance = $0 }
            case "max_effective_points": integer(value, path, 1...10_000).map { thresholds.maxEffectivePoints = $0 }
            default:
                guard let field = Self.thresholdKeys.first(where: { $0.key == key }) else { continue }
                scientific(value, path).map { thresholds[keyPath: field.path] = $0 }
            }
        }
    }

    private mutating func readServices(_ node: Node) -> [String: ServiceSignals] {
        guard case .mapping(let mapping) = node else {
            if node.null == nil { problem(node, "impact.services", "expected a mapping of service tag values (e.g. web:) to their signals") }
            return [:]
        }
        var services: [String: ServiceSignals] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            let path = "impact.services.\(name)"
            guard services[name] == nil else { problem(keyNode, path, "duplicate service; keep one"); continue }
            var signals: [SignalConfig] = []
            for (key, list) in entries(value, path, known: ["signals"]) where key == "signals" {
                signals = readSignals(list, "\(path).signals")
            }
            services[name] = ServiceSignals(signals: signals)
        }
        return services
    }

    private mutating func readSignals(_ node: Node, _ path: String) -> [SignalConfig] {
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list of { metric: NAME, kind: rate|count|level|failure }")
            return []
        }
        var result: [SignalConfig] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            var metric: String?, kind: SignalKind?, minimum: Double?
            let before = problems.count
            for (key, value) in entries(item, itemPath, known: ["metric", "kind", "min_absolute_change"]) {
                switch key {
                case "metric": metric = string(value, "\(itemPath).metric")
                case "kind":
                    let text = value.scalar?.string ?? ""
                    kind = SignalKind(rawValue: text.lowercased())
                    if kind == nil { problem(value, "\(itemPath).kind", "expected one of \(SignalKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'") }
                default: minimum = scientific(value, "\(itemPath).min_absolute_change")
                }
            }
            guard let metric, let kind else {
                // A wrong value was reported already; only a missing key is news.
                if case .mapping = item, problems.count == before { problem(item, itemPath, "a signal needs both metric and kind") }
                continue
            }
            result.append(SignalConfig(metric: metric, kind: kind, minAbsoluteChange: minimum))
        }
        return result
    }

    /// A number that may be written as 1e-5 (p-values are).
    private mutating func scientific(_ node: Node, _ path: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite,
              text.allSatisfy({ "0123456789.-+eE".contains($0) }) else {
            problem(node, path, "expected a number such as 5, 1.5 or 1e-5, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return value
    }
}
