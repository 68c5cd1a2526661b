/// Lets one message through per interval and counts what it held back. Shared by everything that
/// logs about a stream of bad input (refused samples, bad StatsD and Graphite lines).
public struct RateLimitedLog: Sendable {
    public let interval: Int
    private var lastLogged: Int?
    private var suppressed = 0

    public init(interval: Int) { self.interval = interval }

    /// How many were held back since the last message let through (each counting `weight`), or nil
    /// to stay quiet. `now` is in seconds on any clock that does not go backwards much.
    public mutating func shouldLog(now: Int, weight: Int = 1) -> Int? {
        if let lastLogged, now - lastLogged < interval {
            suppressed += weight
            return nil
        }
        lastLogged = now
        defer { suppressed = 0 }
        return suppressed
    }
}
