import RRD

/// Where `metrics serve` stores points: its own RRD files (the default) or through rrdcached.
public enum StorageBackend: Sendable, Equatable {
    case local
    case rrdcached(RRDCachedSettings)

    /// Routes this process's reads and graphs through rrdcached when it is the backend, so that
    /// `metrics query`, `metrics graph` and the daemon's pages see the points it still caches.
    public func routeReads(engine: RRDEngine = .shared) {
        switch self {
        case .local: engine.readThrough(nil)
        case .rrdcached(let settings): engine.readThrough(settings.address)
        }
    }
}

/// `storage.rrdcached` and its retry bound.
public struct RRDCachedSettings: Sendable, Equatable {
    public var address: RRDCachedAddress
    /// Points kept in memory while rrdcached is down or refusing; past it the oldest flushes go.
    public var maxQueuedPoints: Int
    /// How long one call to rrdcached may take before it counts as down.
    public var timeoutSeconds: Int

    public init(address: RRDCachedAddress, maxQueuedPoints: Int = 600_000, timeoutSeconds: Int = 10) {
        self.address = address
        self.maxQueuedPoints = maxQueuedPoints
        self.timeoutSeconds = timeoutSeconds
    }
}
