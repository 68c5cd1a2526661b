import Dispatch
import Synchronization

/// An `EventStore` for async code: its calls are synchronous (SQLite, fsync, a busy wait of up
/// to seconds), so they run one at a time on a dedicated serial queue, never on the cooperative
/// thread pool or a network event loop.
///
/// `offer` is for callers that must not wait at all (the UDP listener): the event is queued
/// and written later, or dropped and counted when `maxQueued` are already waiting.
public final class EventStoreQueue: Sendable {
    public let store: EventStore
    public let maxQueued: Int
    private let queue = DispatchQueue(label: "metrics.events")
    /// Reads do not wait behind queued writes (each an fsync): WAL lets them run alongside.
    private let readQueue = DispatchQueue(label: "metrics.events.read", attributes: .concurrent)
    private let counts = Mutex(Counts())
    private let onFailure: @Sendable (EventError) -> Void

    /// What `offer` did so far.
    public struct Counts: Sendable, Equatable {
        public var queued = 0
        public var recorded = 0
        /// Refused by the store (validation or storage); each is passed to `onFailure`.
        public var failed = 0
        /// Dropped because the queue was full.
        public var dropped = 0
        /// Offered and not yet written.
        public var waiting = 0
    }

    public init(store: EventStore, maxQueued: Int = 1_000, onFailure: @escaping @Sendable (EventError) -> Void = { _ in }) {
        self.store = store
        self.maxQueued = maxQueued
        self.onFailure = onFailure
    }

    public var statistics: Counts { counts.withLock { $0 } }

    /// Runs `body` on the store's write queue (or, with `reading`, the read queue) and waits for
    /// it without blocking a thread of the caller's.
    public func run<T: Sendable>(reading: Bool = false, _ body: @escaping @Sendable (EventStore) throws(EventError) -> T) async throws(EventError) -> T {
        let store = store
        let result: Result<T, EventError> = await withCheckedContinuation { continuation in
            (reading ? readQueue : queue).async {
                do throws(EventError) { continuation.resume(returning: .success(try body(store))) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    public func record(_ event: NewEvent) async throws(EventError) -> Event {
        try await run { store throws(EventError) in try store.record(event) }
    }

    public func events(from: Int, until: Int, tags: [TagFilter] = [], limit: Int = 1_000) async throws(EventError) -> [Event] {
        try await run(reading: true) { store throws(EventError) in try store.events(from: from, until: until, tags: tags, limit: limit) }
    }

    /// Queues `event` for writing without waiting; false (and counted) when the queue is full.
    @discardableResult
    public func offer(_ event: NewEvent) -> Bool {
        let accepted = counts.withLock { counts in
            guard counts.waiting < maxQueued else {
                counts.dropped += 1
                return false
            }
            counts.waiting += 1
            counts.queued += 1
            return true
        }
        guard accepted else { return false }
        queue.async { [self] in
            let outcome: EventError?
            do throws(EventError) {
                try store.record(event)
                outcome = nil
            } catch {
                outcome = error
            }
            counts.withLock { counts in
                counts.waiting -= 1
                if outcome == nil { counts.recorded += 1 } else { counts.failed += 1 }
            }
            if let outcome { onFailure(outcome) }
        }
        return true
    }

    /// Waits until every offered event has been written or refused (for tests and shutdown).
    public func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in queue.async { continuation.resume() } }
    }
}
