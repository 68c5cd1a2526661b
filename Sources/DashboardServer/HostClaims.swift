import Foundation
import Synchronization

/// Which machine reports under each host name, as a central daemon sees agents' batches.
/// A name belongs to the first machine id that sends under it; another machine's batches are
/// refused while that claim is fresh (a batch within `lapse` seconds), because two machines
/// writing one set of files would garble both (counters jumping between two machines, points
/// refused as late). Claims live in memory: after a central restart the first sender wins.
public final class HostClaims: Sendable {
    public struct Statistics: Sendable, Equatable {
        public var batches = 0
        public var conflicts = 0
        public var hosts = 0
    }

    public enum Verdict: Equatable {
        case accepted
        /// The host name belongs to `owner`, seen `age` seconds ago.
        case conflict(owner: String, age: Int)
    }

    public let lapse: Int
    private let state = Mutex<(claims: [String: (machine: String, seen: Int)], stats: Statistics)>(([:], Statistics()))

    public init(lapse: Int = 600) { self.lapse = lapse }

    public func claim(host: String, machine: String, now: Int = Int(Date().timeIntervalSince1970)) -> Verdict {
        state.withLock { state in
            if let current = state.claims[host], current.machine != machine, now - current.seen < lapse {
                state.stats.conflicts += 1
                return .conflict(owner: current.machine, age: max(0, now - current.seen))
            }
            state.claims[host] = (machine, now)
            state.stats.batches += 1
            state.stats.hosts = state.claims.count
            return .accepted
        }
    }

    private let warned = Mutex<Set<String>>([])

    /// True the first time a machine is refused a host name: one warning per pair, not per batch.
    func firstWarning(host: String, machine: String) -> Bool {
        warned.withLock { $0.insert(host + "/" + machine).inserted }
    }

    public var statistics: Statistics { state.withLock { $0.stats } }
}
