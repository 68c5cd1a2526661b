import Glibc

/// Drains a program's stdout and stderr as data arrives, keeping stdout up to its cap (one byte
/// more tells that the cap was passed) and the first bytes of stderr.
struct PipeReader {
    private var fds: [Int32]
    private let maxStdout: Int
    private let maxStderr: Int
    private(set) var stdoutBytes: [UInt8] = []
    private(set) var stderrBytes: [UInt8] = []
    private(set) var stdoutOverflowed = false
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(stdout: Int32, stderr: Int32, maxStdout: Int, maxStderr: Int) {
        fds = [stdout, stderr]
        self.maxStdout = maxStdout
        self.maxStderr = maxStderr
    }

    var allClosed: Bool { fds.allSatisfy { $0 < 0 } }

    /// Reads whatever is ready, waiting for data at most `limit`.
    mutating func readAvailable(waitingAtMost limit: Duration) {
        let open = fds.enumerated().filter { $0.element >= 0 }
        guard !open.isEmpty else {
            // Nothing left to wait on: still pace the caller's loop.
            if limit > .zero { usleep(UInt32(max(1_000, min(limit.milliseconds, 5) * 1_000))) }
            return
        }
        var polled = open.map { pollfd(fd: $0.element, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&polled, nfds_t(polled.count), Int32(max(0, limit.milliseconds)))
        guard ready > 0 else { return }
        for (slot, entry) in zip(open.map(\.offset), polled) where entry.revents != 0 {
            readOnce(slot)
        }
    }

    private mutating func readOnce(_ slot: Int) {
        let fd = fds[slot]
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR || errno == EAGAIN { return }
        guard count > 0 else {
            close(fd)
            fds[slot] = -1
            return
        }
        let chunk = buffer[..<count]
        if slot == 0 {
            let room = maxStdout + 1 - stdoutBytes.count
            if room > 0 { stdoutBytes.append(contentsOf: chunk.prefix(room)) }
            if stdoutBytes.count > maxStdout { stdoutOverflowed = true }
        } else {
            let room = maxStderr - stderrBytes.count
            if room > 0 { stderrBytes.append(contentsOf: chunk.prefix(room)) }
        }
    }

    mutating func closeAll() {
        for (slot, fd) in fds.enumerated() where fd >= 0 {
            close(fd)
            fds[slot] = -1
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a short wait does not become a busy loop.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
