import Logging
import Synchronization

/// Logs each distinct message once per process, so that an odd kernel or a missing file is
/// reported clearly without repeating every tick. It remembers at most `capacity` messages, so
/// hostile input that makes every message different cannot grow memory; past that it is quiet.
final class OnceLog: Sendable {
    private let logger: Logger
    private let capacity: Int
    private let seen = Mutex<Set<String>>([])

    init(logger: Logger, capacity: Int = 1_000) {
        self.logger = logger
        self.capacity = capacity
    }

    func warning(_ message: String) { log(.warning, message) }
    func info(_ message: String) { log(.info, message) }

    func log(_ level: Logger.Level, _ message: String) {
        let first = seen.withLock { $0.count < capacity && $0.insert(message).inserted }
        if first { logger.log(level: level, "\(message)") }
    }
}
