import Dispatch

/// Runs a collector's blocking reads (/proc, statvfs) on its own serial queue, off Swift's
/// cooperative pool: a read stuck on a dead NFS mount then holds up only its own collector.
struct BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: "metrics.collector.\(label)")
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
