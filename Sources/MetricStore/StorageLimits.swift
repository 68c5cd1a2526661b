/// Bounds the store keeps so that bad input cannot fill the disk or the memory.
public struct StorageLimits: Sendable, Equatable {
    /// Most metric files; past it new names are refused and existing ones keep updating.
    public var maxMetrics: Int
    /// Free bytes that must remain on the data filesystem after creating a file.
    public var minFreeBytes: Int
    /// Free inodes that must remain after creating a file.
    public var minFreeInodes: Int
    /// How far ahead of the clock a timestamp may be; RRD would be blocked until the clock caught up.
    public var maxFutureSkew: Int
    /// Most points waiting for the next flush; past it new points are refused.
    public var maxPendingPoints: Int

    public init(maxMetrics: Int = 10_000, minFreeBytes: Int = 256 << 20, minFreeInodes: Int = 1_000,
                maxFutureSkew: Int = 60, maxPendingPoints: Int = 1_000_000) {
        self.maxMetrics = maxMetrics
        self.minFreeBytes = minFreeBytes
        self.minFreeInodes = minFreeInodes
        self.maxFutureSkew = maxFutureSkew
        self.maxPendingPoints = maxPendingPoints
    }
}
