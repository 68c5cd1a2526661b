import Foundation

/// One dedicated OS thread that runs submitted jobs in order.
///
/// librrd 1.7.2 keeps its error context per thread and is not safe for concurrent graphing,
/// so every call goes through one of these; it never blocks Swift's cooperative pool.
final class WorkerThread: @unchecked Sendable {
    // `jobs` is guarded by `condition`; nothing else is mutable.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    init(name: String) {
        let thread = Thread { self.loop() }  // lives as long as the process
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on the thread and waits for it without blocking the caller's thread.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job() }
        }
    }
}
