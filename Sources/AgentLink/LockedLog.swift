import Foundation
import MetricStore
import Synchronization

/// A `RateLimitedLog` (one message a minute) that non-isolated code can share.
final class LockedLog: Sendable {
    private let state = Mutex(RateLimitedLog(interval: 60))

    func shouldLog() -> Int? {
        let now = Int(Date().timeIntervalSince1970)
        return state.withLock { $0.shouldLog(now: now) }
    }
}
