import Dashboards
import EventStore
import Foundation

/// What the read endpoints (dashboards, graphs, series, metric list) need from the daemon.
public struct ReadSettings: Sendable {
    public var dataDirectory: String
    public var dashboards: DashboardStore
    /// Required on every read endpoint when set (not on /healthz).
    public var token: String?
    /// The daemon's step: relative time ranges are resolved from `now` floored to it.
    public var step: Int
    /// Bytes of rendered PNGs kept.
    public var cacheBytes: Int
    /// Events drawn on graphs and listed in series; nil draws none.
    public var events: EventStoreQueue?

    public init(dataDirectory: String, dashboards: DashboardStore, token: String? = nil, step: Int, cacheBytes: Int = 64 << 20, events: EventStoreQueue? = nil) {
        self.events = events
        self.dataDirectory = dataDirectory
        self.dashboards = dashboards
        self.token = token
        self.step = step
        self.cacheBytes = cacheBytes
    }
}
