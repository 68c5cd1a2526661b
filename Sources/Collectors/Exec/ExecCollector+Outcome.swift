import Glibc

extension ExecCollector {
    /// Why a run that did not finish by itself has no values.
    static func describe(_ ending: ExecResult.Ending, timeout: Double) -> String? {
        switch ending {
        case .exited, .signaled:
            return nil
        case .timedOut:
            return "still running after its timeout of \(timeout.shortText) s; its process group was killed and this run's values dropped (make it faster or raise its timeout)"
        case .outputTooLarge(let limit):
            return "printed more than \(limit) bytes; its process group was killed and this run's values dropped (print less or raise its max output)"
        case .cancelled:
            return "cancelled while running (the daemon is stopping); its process group was killed"
        }
    }

    /// A finished run that did not end as its protocol expects.
    static func exitProblem(_ result: ExecResult, protocol: ExecProtocol) -> String? {
        let stderr = result.stderrSummary.isEmpty ? "" : ": \(result.stderrSummary)"
        switch result.ending {
        case .signaled(let signal):
            return "was killed by signal \(signal) (\(String(cString: strsignal(signal))))\(stderr)"
        case .exited(let status) where `protocol` == .nagios:
            return (0...3).contains(status) ? nil : "exited with status \(status), outside a check's 0–3; recorded as UNKNOWN\(stderr)"
        case .exited(let status):
            return status == 0 ? nil : "exited with status \(status)\(stderr)"
        default:
            return nil
        }
    }

    /// Groups failures for the rate limit: a new stderr text is not a new kind of failure.
    static func kind(of result: ExecResult) -> String {
        switch result.ending {
        case .exited(let status): return "exit \(status)"
        case .signaled(let signal): return "signal \(signal)"
        case .timedOut: return "timeout"
        case .outputTooLarge: return "output"
        case .cancelled: return "cancelled"
        }
    }
}

extension Double {
    /// `1` rather than `1.0`, `0.5` as is.
    var shortText: String { rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
