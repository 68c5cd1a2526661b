import Foundation
import GraphRender
import MetricStore
import TimeSyntax

/// Checks a panel against the graph limits before any request: the same validation a graph
/// gets (text lengths, control characters, axis limits), run on a stand-in metric.
enum PanelCheck {
    static func problems(_ panel: Panel) -> [String] {
        var problems: [String] = []
        if let title = panel.title, let problem = text(title, field: "title", limit: GraphLimits.titleLength) { problems.append(problem) }
        switch panel.kind {
        case .text:
            if panel.text == nil { problems.append("a text panel needs 'text'") }
            if let text = panel.text, text.unicodeScalars.count > DashboardLimits.textLength {
                problems.append("text is \(text.unicodeScalars.count) characters long; the limit is \(DashboardLimits.textLength)")
            }
            if !panel.series.isEmpty { problems.append("a text panel has no series; use type graph or number") }
        case .graph, .number:
            if panel.series.isEmpty { problems.append("a \(panel.kind.rawValue) panel needs 'series', a list of metric patterns") }
            if panel.series.count > DashboardLimits.patternsPerPanel {
                problems.append("\(panel.series.count) series patterns; the limit is \(DashboardLimits.patternsPerPanel)")
            }
            if panel.text != nil { problems.append("'text' is for text panels only") }
            if !panel.series.isEmpty {
                do { try PanelGraph.spec(panel, metrics: panel.series.map { _ in standIn }, start: 0, end: 3_600).validate() }
                catch { problems.append(error.description) }
            }
        }
        return problems
    }

    /// The reason `text` cannot be a title or label, if any.
    static func text(_ text: String, field: String, limit: Int) -> String? {
        var spec = GraphSpec(series: [GraphSeries(metric: standIn)], start: 0, end: 3_600)
        spec.title = text
        do { try spec.validate() } catch {
            return error.description.replacingOccurrences(of: "title", with: field)
        }
        _ = limit
        return nil
    }

    /// The reason a default range start cannot be used, if any.
    static func from(_ text: String) -> String? {
        do {
            _ = try TimeSyntax.range(from: text, until: nil, now: Int(Date().timeIntervalSince1970), maxSpan: GraphLimits.maxRange)
            return nil
        } catch {
            return error.description
        }
    }

    static let standIn = try! MetricName("dashboard.check")
}
