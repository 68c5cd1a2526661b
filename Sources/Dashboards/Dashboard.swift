import GraphRender

/// A dashboard file (`dashboards/NAME.yaml`): a title and a grid of panels.
public struct Dashboard: Sendable, Equatable {
    /// The file name without `.yaml`; also the dashboard's URL segment.
    public var name: String
    public var title: String
    /// Seconds between refreshes of a page showing it; nil leaves it to the page.
    public var refresh: Int?
    /// The default start of the time range, in the time syntax (`-6h`, `now-1d`).
    public var from: String
    /// Grid columns; panel widths count in these.
    public var columns: Int
    public var panels: [Panel]
    /// The events drawn on its graphs; a panel's own `events` wins.
    public var events: EventFilter = .all

    public init(name: String, title: String, refresh: Int? = nil, from: String = "-6h", columns: Int = 12, panels: [Panel] = []) {
        self.name = name
        self.title = title
        self.refresh = refresh
        self.from = from
        self.columns = columns
        self.panels = panels
    }

    public func panel(id: String) -> Panel? { panels.first { $0.id == id } }

    /// The events `panel` draws: its own filter, else the dashboard's.
    public func events(of panel: Panel) -> EventFilter { panel.events ?? events }
}

/// Bounds on what a dashboard file may ask for.
public enum DashboardLimits {
    public static let columns = 1...48
    public static let panels = 100
    public static let panelHeight = 1...24
    /// Patterns per panel; each may expand to many metrics, cut at `GraphLimits.maxSeries`.
    public static let patternsPerPanel = 20
    public static let textLength = 10_000
    /// Bytes read from one file; a larger file is refused.
    public static let fileSize = 1 << 20
    /// Dashboard files read from the folder; the rest are ignored with a problem reported.
    public static let files = 200
    public static let idLength = 64
}
