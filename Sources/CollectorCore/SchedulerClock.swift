import Foundation

/// The two clocks the scheduler needs: the wall clock to align ticks and stamp samples, and a
/// monotonic sleep so that a wall-clock jump neither stalls nor floods collection.
public protocol SchedulerClock: Sendable {
    /// Seconds since the epoch.
    func wallTime() -> Double
    /// Sleeps for `duration` of monotonic time.
    func sleep(for duration: Duration) async throws
}

public struct SystemSchedulerClock: SchedulerClock {
    public init() {}
    public func wallTime() -> Double { Date().timeIntervalSince1970 }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration, clock: .continuous) }
}
