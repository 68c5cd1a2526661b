import DeployImpact
import DeployJudge
import EventStore
import Foundation

/// The `--impact` columns of `metrics deploys` and the `impact` object of its JSON.
enum ImpactListing {
    static func json(_ judged: [JudgedEvent]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Infinite ratios (after > 0, expected 0) must not fail the whole listing.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(judged)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The IMPACT, METRIC, CHANGE and CONFIDENCE cells of one event.
    static func cells(_ impact: DeployImpactResult?) -> [String] {
        guard let impact else { return ["-", "-", "-", "-"] }
        switch impact.verdict {
        case .tooRecent: return ["too recent", "-", "judged from \(EventTimeText.local(impact.judgeableAt))", "-"]
        case .noData: return ["no data", impact.worst?.metric ?? "-", "-", "-"]
        default: break
        }
        // A provisional verdict says when the second look makes it final.
        let verdict = impact.verdict.rawValue + (impact.finalAt.map { " (2nd look \(EventTimeText.local($0)))" } ?? "")
        guard let worst = impact.worst else { return [verdict, "-", "-", "-"] }
        return [verdict, worst.metric, change(worst), worst.confidence.map { percent($0) } ?? "-"]
    }

    /// `2.00 -> 10.0 (x5.0)`: the expected level, the level seen, and the ratio.
    static func change(_ signal: SignalImpact) -> String {
        guard let expected = signal.expected, let after = signal.after else { return "-" }
        let ratio = signal.ratio.map { $0.isFinite ? " (x\(number($0)))" : "" } ?? ""
        return "\(number(expected)) -> \(number(after))\(ratio)"
    }

    private static func number(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }

    private static func percent(_ value: Double) -> String {
        value >= 0.9999 ? ">99.99%" : String(format: "%.2f%%", value * 100)
    }
}
