import Logging
import Synchronization

/// Logs an endpoint's failures when the reason changes, and a still-failing reason again at
/// most every `repeatAfter` seconds with a count, so a dead endpoint cannot flood the log.
final class FailureLog: Sendable {
    private struct State {
        var reason: String?
        var lastLogged = 0.0
        var repeats = 0
    }

    private let logger: Logger
    private let subject: String
    private let repeatAfter: Double
    private let state = Mutex(State())

    private let noted: OnceLog

    init(logger: Logger, subject: String, repeatAfter: Double = 600) {
        self.logger = logger
        noted = OnceLog(logger: logger)
        self.subject = subject
        self.repeatAfter = repeatAfter
    }

    /// `kind` groups reasons that differ only in detail (a timeout while connecting or while
    /// reading), so that a flapping detail does not count as a new failure.
    func failed(_ reason: String, kind: String? = nil, now: Double) {
        let key = kind ?? reason
        let message = state.withLock { state -> String? in
            if state.reason != key {
                state.reason = key
                state.lastLogged = now
                state.repeats = 0
                return "\(subject): \(reason)"
            }
            state.repeats += 1
            guard now - state.lastLogged >= repeatAfter else { return nil }
            state.lastLogged = now
            defer { state.repeats = 0 }
            return "\(subject): still failing (\(state.repeats) more times): \(reason)"
        }
        if let message { logger.warning("\(message)") }
    }

    func succeeded() {
        let recovered = state.withLock { state -> Bool in
            defer { state.reason = nil }
            return state.reason != nil
        }
        if recovered { logger.notice("\(subject): works again") }
    }

    /// Non-fatal problems (odd lines): each distinct one once.
    func noteOnce(_ message: String) {
        noted.warning("\(subject): \(message)")
    }
}
