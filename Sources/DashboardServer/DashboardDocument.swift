import Dashboards
import GraphRender

/// `GET /api/v1/dashboards/{name}`: the dashboard with each panel's patterns expanded. Optional
/// fields are written as `null`, so the shape never varies.
struct DashboardDocument: Encodable {
    var name: String
    var title: String
    var columns: Int
    var refresh: Int
    var from: String
    var panels: [PanelDocument]

    /// A page refreshes every minute unless the file says otherwise.
    static let defaultRefresh = 60

    init(_ dashboard: Dashboard, expansions: [String: PanelExpansion]) {
        name = dashboard.name
        title = dashboard.title
        columns = dashboard.columns
        refresh = dashboard.refresh ?? Self.defaultRefresh
        from = dashboard.from
        panels = dashboard.panels.map { PanelDocument($0, expansions[$0.id]) }
    }
}

struct PanelDocument: Encodable {
    var id: String
    var type: String
    var title: String?
    var width: Int
    var height: Int
    var unit: String?
    var text: String?
    var thresholds: [ThresholdDocument]
    var metrics: [String]
    var truncated: Bool

    init(_ panel: Panel, _ expansion: PanelExpansion?) {
        id = panel.id
        type = panel.kind.rawValue
        title = panel.title
        width = panel.width
        height = panel.height
        unit = panel.unit
        text = panel.text
        thresholds = panel.thresholds.map { ThresholdDocument(value: $0.value, color: $0.color?.hex, label: $0.label) }
        // An aggregate is one series, named by its legend (`sum of hosts.*.cpu.total.user (3)`).
        metrics = expansion?.series.map { $0.settings.aggregate == nil ? $0.metric.rawValue : $0.graphSeries(showLegend: true).legendText } ?? []
        truncated = expansion?.truncated ?? false
    }

    private enum CodingKeys: String, CodingKey { case id, type, title, width, height, unit, text, thresholds, metrics, truncated }

    func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(id, forKey: .id)
        try keys.encode(type, forKey: .type)
        try keys.encode(title, forKey: .title)
        try keys.encode(width, forKey: .width)
        try keys.encode(height, forKey: .height)
        try keys.encode(unit, forKey: .unit)
        try keys.encode(text, forKey: .text)
        try keys.encode(thresholds, forKey: .thresholds)
        try keys.encode(metrics, forKey: .metrics)
        try keys.encode(truncated, forKey: .truncated)
    }
}

struct ThresholdDocument: Encodable {
    var value: Double
    var color: String?
    var label: String?

    private enum CodingKeys: String, CodingKey { case value, color, label }

    func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(value, forKey: .value)
        try keys.encode(color, forKey: .color)
        try keys.encode(label, forKey: .label)
    }
}
