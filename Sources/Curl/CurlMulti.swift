internal import CCurl
internal import Foundation
internal import Synchronization

/// The multi handle pointer, shareable so other threads can wake the loop.
/// @unchecked: curl_multi_wakeup is documented as callable from any thread and is only called
/// under `CurlMulti.state`'s lock while `stopping` is false; every other use of the handle is
/// on the loop thread, which frees it only after it has seen `stopping` under that lock.
struct MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
}

/// One curl multi handle driven by one dedicated thread. Other threads only touch the
/// Mutex-protected queues and call curl_multi_wakeup; easy handles never leave the loop thread.
final class CurlMulti: Sendable {
    private struct State {
        var pending: [Submission] = []
        var cancelled: [UInt64] = []
        var stopping = false
    }

    private let handle: MultiHandle
    private let maxConcurrentTransfers: Int
    private let state = Mutex(State())
    /// Signalled when the loop thread has freed the multi handle.
    private let exited = DispatchSemaphore(value: 0)
    /// Identity of the loop thread's `Thread` object, so shutdown() never waits for itself.
    private let loopThread = Atomic<UInt>(0)

    init(maxConcurrentTransfers: Int) {
        CurlGlobal.ensureInitialized()
        guard let raw = curl_multi_init() else {
            fatalError("curl_multi_init failed (out of memory)")
        }
        handle = MultiHandle(raw: raw)
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        let thread = Thread { [self] in run() }
        thread.name = "curl-multi"
        thread.start()
    }

    // MARK: - Any thread

    /// Queues a submission, or fails it at once if the client is shut down or the submitting
    /// task is already cancelled. Checking cancellation under the lock closes the race with
    /// `cancel(_:)`: the task's cancelled flag is set before its cancellation handler runs.
    func submit(_ submission: Submission) {
        let rejection: HTTPError? = state.withLock { state in
            if state.stopping { return .shutDown }
            if Task.isCancelled { return .cancelled }
            state.pending.append(submission)
            curl_multi_wakeup(handle.raw)
            return nil
        }
        if let rejection { submission.fail(rejection) }
    }

    func cancel(_ id: UInt64) {
        let removed: Submission? = state.withLock { state in
            if let index = state.pending.firstIndex(where: { $0.id == id }) {
                return state.pending.remove(at: index)
            }
            guard !state.stopping else { return nil }
            state.cancelled.append(id)
            curl_multi_wakeup(handle.raw)
            return nil
        }
        removed?.fail(.cancelled)
    }

    /// Stops the loop and waits until it has failed its transfers and freed the multi handle.
    func shutdown() {
        state.withLock { state in
            guard !state.stopping else { return }
            state.stopping = true
            curl_multi_wakeup(handle.raw)
        }
        guard loopThread.load(ordering: .acquiring) != Self.currentThreadID else { return }
        // Every caller waits, then passes the signal on to the next one.
        exited.wait()
        exited.signal()
    }

    // MARK: - Loop thread

    /// Stable for as long as the thread lives (Thread.current is kept in thread-local storage).
    private static var currentThreadID: UInt {
        UInt(bitPattern: ObjectIdentifier(Thread.current))
    }

    private func run() {
        loopThread.store(Self.currentThreadID, ordering: .releasing)
        let multi = handle.raw
        var waiting: [Submission] = []  // accepted but not started: over the concurrency limit
        var active: [UInt64: Transfer] = [:]

        while true {
            let (incoming, cancelled, stopping) = state.withLock { state in
                defer { state.pending = []; state.cancelled = [] }
                return (state.pending, state.cancelled, state.stopping)
            }
            waiting.append(contentsOf: incoming)
            if stopping { break }

            for id in cancelled {
                if let transfer = active.removeValue(forKey: id) {
                    curl_multi_remove_handle(multi, transfer.easy)
                    transfer.fail(.cancelled)
                } else if let index = waiting.firstIndex(where: { $0.id == id }) {
                    waiting.remove(at: index).fail(.cancelled)
                }  // else: it already completed
            }

            let startable = max(0, min(waiting.count, maxConcurrentTransfers - active.count))
            for submission in waiting.prefix(startable) {
                if let transfer = start(submission, on: multi) { active[transfer.id] = transfer }
            }
            waiting.removeFirst(startable)

            // Per-transfer failures arrive through curl_multi_info_read; the return code only
            // reports misuse of the multi handle or out-of-memory, which a retry cannot fix.
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished(from: multi, active: &active)

            // Don't sleep if finished transfers freed slots for waiting ones.
            let canStartMore = !waiting.isEmpty && active.count < maxConcurrentTransfers
            curl_multi_poll(multi, nil, 0, canStartMore ? 0 : 1000, nil)
        }

        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy)
            transfer.fail(.shutDown)
        }
        active.removeAll()  // frees the easy handles before the multi handle
        for submission in waiting { submission.fail(.shutDown) }
        curl_multi_cleanup(multi)
        exited.signal()
    }

    /// Creates and attaches the easy handle; on failure completes the submission and returns nil.
    private func start(_ submission: Submission, on multi: UnsafeMutableRawPointer) -> Transfer? {
        guard let transfer = Transfer(submission) else {
            submission.fail(.transfer(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "could not create a curl handle"))
            return nil
        }
        do {
            try transfer.configure()
        } catch {
            transfer.fail(error)
            return nil
        }
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            transfer.fail(.transfer(code: Int(code.rawValue), message: String(cString: curl_multi_strerror(code))))
            return nil
        }
        return transfer
    }

    /// Completes every transfer curl reports as done. The CURLMsg is only valid until the
    /// next multi call, so its fields are read before the handle is removed.
    private func collectFinished(from multi: UnsafeMutableRawPointer, active: inout [UInt64: Transfer]) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = ccurl_msg_result(message)
            var privateID: UnsafeMutableRawPointer?
            ccurl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &privateID)
            guard let transfer = active.removeValue(forKey: UInt64(UInt(bitPattern: privateID))) else { continue }
            let result = transfer.result(for: code)
            curl_multi_remove_handle(multi, easy)
            transfer.complete(result)
        }
    }
}
