import Foundation
import Glibc

/// Runs one program to completion on the calling thread, which it blocks: call it from a
/// ``BlockingQueue``, never from Swift's cooperative pool.
///
/// Reads stdout (up to the cap) and stderr (its first 4 KiB kept) as they come, so a chatty
/// program never blocks on a full pipe. At the timeout, past the cap or when cancelled, the whole
/// process group gets SIGTERM, then SIGKILL a second later. Processes the program leaves behind
/// in its group are killed the same way once it exits. Returns within the timeout plus about
/// ``killGraceSeconds``; a child that even SIGKILL cannot end at once (stuck in the kernel) is
/// reaped by a background thread, so none is left a zombie.
enum ExecRunner {
    static let stderrKeptBytes = 4_096
    /// SIGTERM to SIGKILL, then SIGKILL to giving up waiting.
    static let termGraceSeconds = 1.0
    static let killWaitSeconds = 1.0
    static let killGraceSeconds = termGraceSeconds + killWaitSeconds
    /// How long output pipes may stay open after the program exited (held by a process it left).
    static let lingerSeconds = 0.5

    struct Request: Sendable {
        var path: String
        var arguments: [String]
        var environment: [String: String]
        var timeoutSeconds: Double
        var maxOutputBytes: Int
    }

    static func run(_ request: Request, isCancelled: () -> Bool = { false }) throws(ExecError) -> ExecResult {
        let started = ContinuousClock.now
        let child = try ChildProcess.start(path: request.path, arguments: request.arguments, environment: request.environment)
        var pipes = PipeReader(stdout: child.stdout, stderr: child.stderr, maxStdout: request.maxOutputBytes, maxStderr: stderrKeptBytes)
        defer { pipes.closeAll() }
        let deadline = started + .seconds(request.timeoutSeconds)
        var status: Int32?
        var exitedAt: ContinuousClock.Instant?
        var killReason: ExecResult.Ending?

        while true {
            if status == nil, let reaped = reapNoHang(child.pid) {
                status = reaped
                exitedAt = .now
            }
            if status != nil, pipes.allClosed { break }
            if pipes.stdoutOverflowed { killReason = .outputTooLarge(limit: request.maxOutputBytes); break }
            let now = ContinuousClock.now
            if now >= deadline { killReason = .timedOut(seconds: request.timeoutSeconds); break }
            if isCancelled() { killReason = .cancelled; break }
            if let exitedAt, now - exitedAt >= .seconds(lingerSeconds) { break }
            pipes.readAvailable(waitingAtMost: min(.milliseconds(100), deadline - now))
        }

        var killedLeftovers = false
        if killReason != nil || ProcessGroup.hasLiveMembers(child.pid) {
            killedLeftovers = killReason == nil
            status = terminate(child.pid, status: status, pipes: &pipes)
        }
        pipes.readAvailable(waitingAtMost: .zero)
        // Not reaped in time: it is being killed by SIGKILL.
        let decoded = WaitStatus(status ?? SIGKILL)
        let elapsed = ContinuousClock.now - started
        return ExecResult(
            ending: killReason ?? decoded.ending,
            exitStatus: decoded.shellStatus,
            stdout: pipes.stdoutBytes,
            stderr: String(decoding: pipes.stderrBytes, as: UTF8.self),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            killedLeftovers: killedLeftovers
        )
    }

    /// SIGTERM to the group, SIGKILL a second later if any of it lives on; returns the child's
    /// wait status, or nil when it could not be reaped in time (a background thread reaps it).
    private static func terminate(_ pid: pid_t, status: Int32?, pipes: inout PipeReader) -> Int32? {
        var status = status
        kill(-pid, SIGTERM)
        let termDeadline = ContinuousClock.now + .seconds(termGraceSeconds)
        while ContinuousClock.now < termDeadline {
            if status == nil { status = reapNoHang(pid) }
            if status != nil, !ProcessGroup.hasLiveMembers(pid) { return status }
            pipes.readAvailable(waitingAtMost: .milliseconds(20))
        }
        kill(-pid, SIGKILL)
        let killDeadline = ContinuousClock.now + .seconds(killWaitSeconds)
        while status == nil, ContinuousClock.now < killDeadline {
            status = reapNoHang(pid)
            if status == nil { pipes.readAvailable(waitingAtMost: .milliseconds(10)) }
        }
        if status == nil { Reaper.reapLater(pid) }
        return status
    }

    private static func reapNoHang(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result == -1, errno == EINTR { continue }
            // 0: still running. -1 (ECHILD): someone else reaped it; report it as killed.
            return result == 0 ? nil : (SIGKILL & 0x7f)
        }
    }
}

/// A raw waitpid status, decoded (Swift does not import the W* macros).
struct WaitStatus {
    let raw: Int32
    init(_ raw: Int32) { self.raw = raw }

    var signal: Int32? { raw & 0x7f == 0 ? nil : raw & 0x7f }
    var shellStatus: Int32 { signal.map { 128 + $0 } ?? (raw >> 8) & 0xff }
    var ending: ExecResult.Ending { signal.map { .signaled($0) } ?? .exited((raw >> 8) & 0xff) }
}

/// Reaps children that SIGKILL could not end at once (stuck in uninterruptible sleep).
enum Reaper {
    static func reapLater(_ pid: pid_t) {
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        }
    }
}
