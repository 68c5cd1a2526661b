import Foundation
import RRD

/// Where `metrics serve` stores points: its own RRD files (the default) or through rrdcached.
public enum StorageBackend: Sendable, Equatable {
    case local
    case rrdcached(RRDCachedSettings)

    /// Routes this process's reads and graphs of the data directory's files through rrdcached when
    /// it is the backend, so that `metrics query`, `metrics graph` and the daemon's pages see the
    /// points it still caches. The directory is registered as written and as an absolute path.
    public func routeReads(dataDirectory: String, engine: RRDEngine = .shared) {
        let address: RRDCachedAddress? = if case .rrdcached(let settings) = self { settings.address } else { nil }
        var spellings: Set<String> = [dataDirectory, URL(fileURLWithPath: dataDirectory).standardizedFileURL.path]
        if let resolved = try? DataDirectory.resolve(dataDirectory) { spellings.insert(resolved) }
        for spelling in spellings { engine.route(spelling, through: address) }
    }
}

/// `storage.rrdcached` and its retry bound.
public struct RRDCachedSettings: Sendable, Equatable {
    public var address: RRDCachedAddress
    /// Points kept in memory while rrdcached is down or refusing; past it the oldest flushes go.
    public var maxQueuedPoints: Int
    /// How long one call to rrdcached may take before it counts as down.
    public var timeoutSeconds: Int
    /// Seconds of acknowledged points kept per metric and sent again after rrdcached restarts
    /// (it loses what it had not written when killed); above its `-w` plus `-z`.
    public var replaySeconds: Int

    public init(address: RRDCachedAddress, maxQueuedPoints: Int = 600_000, timeoutSeconds: Int = 10, replaySeconds: Int = 900) {
        self.address = address
        self.maxQueuedPoints = maxQueuedPoints
        self.timeoutSeconds = timeoutSeconds
        self.replaySeconds = replaySeconds
    }
}
