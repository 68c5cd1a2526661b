import Dispatch
import Foundation
import TestSupport
import Testing
@testable import EventStore

/// The async front of the store: calls off the cooperative pool, and `offer`'s bounded queue.
@Suite struct EventStoreQueueTests {
    let directory = TemporaryDirectory()

    @Test func recordAndListFromAsyncCode() async throws {
        let queue = EventStoreQueue(store: try EventStore(dataDirectory: directory.path))
        let stored = try await queue.record(NewEvent(start: t0, what: "web v1", tags: ["service": "web"], source: .api))
        #expect(try await queue.events(from: t0 - 1, until: t0 + 1).map(\.id) == [stored.id])
        await #expect(throws: EventError.emptyWhat) { try await queue.record(NewEvent(start: t0, what: " ", source: .api)) }
    }

    /// A writer stuck behind a locked file must not grow memory: past `maxQueued` waiting
    /// events, offers are refused and counted, and the queued ones are written once it frees.
    @Test func aFullQueueDropsAndCountsThenDrains() async throws {
        let queue = EventStoreQueue(store: try EventStore(dataDirectory: directory.path), maxQueued: 5)
        let gate = DispatchSemaphore(value: 0)
        let writing = LockedFlag()
        let blocked = Task { try await queue.run { _ in writing.set(); gate.wait() } }
        // The stuck write must hold the queue before the offers, however late the task starts.
        for _ in 0..<3_000 where !writing.value { try await Task.sleep(for: .milliseconds(10)) }
        #expect(writing.value)
        var accepted = 0
        for index in 0..<20 where queue.offer(NewEvent(start: t0 + index, what: "flood \(index)", source: .dogstatsd)) { accepted += 1 }
        #expect(accepted == 5)
        #expect(queue.statistics.dropped == 15)
        #expect(queue.statistics.waiting == 5)
        // Reads do not wait behind the stuck writes. A no-hang bound, not a timing: if they did,
        // the watchdog opens the gate after 30 s and the flag says the read had to wait for it.
        let watchdogOpened = LockedFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { watchdogOpened.set(); gate.signal() }
        #expect(try await queue.events(from: t0, until: t0 + 100).isEmpty)
        #expect(!watchdogOpened.value, "the read waited behind the writes")
        gate.signal()
        try await blocked.value
        await queue.drain()
        #expect(queue.statistics == .init(queued: 5, recorded: 5, failed: 0, dropped: 15, waiting: 0))
        #expect(try await queue.events(from: t0, until: t0 + 100).count == 5)
    }

    @Test func refusedOffersAreCountedAndReported() async throws {
        let reported = LockedErrors()
        let queue = EventStoreQueue(store: try EventStore(dataDirectory: directory.path)) { reported.append($0) }
        queue.offer(NewEvent(start: 5, what: "too early", source: .dogstatsd))
        await queue.drain()
        #expect(queue.statistics.failed == 1)
        #expect(reported.all == [.timeOutOfRange(field: "start", time: 5)])
    }
}

final class LockedErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [EventError] = []
    func append(_ error: EventError) { lock.withLock { errors.append(error) } }
    var all: [EventError] { lock.withLock { errors } }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
