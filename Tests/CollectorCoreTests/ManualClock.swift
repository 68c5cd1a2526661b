import CollectorCore
import Foundation
import Synchronization

/// A scheduler clock the test moves by hand: `advance` moves both clocks, `jumpWall` only the wall.
final class ManualClock: SchedulerClock {
    private struct Sleeper {
        var id: Int
        var deadline: Double
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var wall: Double
        var monotonic = 0.0
        var sleepers: [Sleeper] = []
        var nextID = 0
    }

    private let state: Mutex<State>

    init(wall: Double) { state = Mutex(State(wall: wall)) }

    func wallTime() -> Double { state.withLock { $0.wall } }

    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(for duration: Duration) async throws {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if seconds <= 0 || Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: state.monotonic + seconds, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    /// Moves both clocks and wakes every sleeper whose deadline has come.
    func advance(by seconds: Double) {
        let due = state.withLock { state -> [Sleeper] in
            state.monotonic += seconds
            state.wall += seconds
            let due = state.sleepers.filter { $0.deadline <= state.monotonic + 1e-9 }
            state.sleepers.removeAll { $0.deadline <= state.monotonic + 1e-9 }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves only the wall clock, as an NTP step or an operator would.
    func jumpWall(by seconds: Double) {
        state.withLock { $0.wall += seconds }
    }

    /// Waits (in real time) until `count` tasks sleep on this clock and stay asleep for 30 ms,
    /// so that a momentary count while tasks wake and re-arm is not taken for the settled state.
    func waitForSleepers(_ count: Int, timeout: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var stableSince: Date?
        while true {
            if sleeperCount == count {
                if let since = stableSince, Date().timeIntervalSince(since) > 0.03 { return }
                stableSince = stableSince ?? Date()
            } else {
                stableSince = nil
            }
            guard Date() < deadline else { throw SleepersTimeout(expected: count, found: sleeperCount) }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    struct SleepersTimeout: Error {
        var expected: Int
        var found: Int
    }
}
