/// What one run of a program gave.
public struct ExecResult: Sendable {
    public enum Ending: Sendable, Equatable {
        /// It exited by itself with this status.
        case exited(Int32)
        /// A signal it did not get from us ended it (exit status 128 + signal).
        case signaled(Int32)
        /// Still running at the timeout: its process group was killed.
        case timedOut(seconds: Double)
        /// It printed more than the limit on stdout: its process group was killed.
        case outputTooLarge(limit: Int)
        /// The collection was cancelled (the daemon is stopping): its process group was killed.
        case cancelled

        /// Whether the program finished by itself, so its output is complete.
        public var finished: Bool {
            switch self {
            case .exited, .signaled: return true
            case .timedOut, .outputTooLarge, .cancelled: return false
            }
        }
    }

    public var ending: Ending
    /// The exit status, or 128 + the signal that ended it, as a shell reports it.
    public var exitStatus: Int32
    public var stdout: [UInt8]
    /// The first ``ExecRunner/stderrKeptBytes`` of stderr, for the log.
    public var stderr: String
    public var seconds: Double
    /// It exited but left processes of its group running, which were killed.
    public var killedLeftovers: Bool

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// The first line of stderr, cut short, for a one-line log message.
    public var stderrSummary: String {
        let line = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 200 ? String(line.prefix(200)) + "..." : line
    }
}
