/// Why a call to rrdcached failed. ``isTransient`` errors (unreachable, timed out, a broken answer)
/// are worth retrying later; a refusal is rrdcached's own answer about one file.
public enum RRDCachedError: Error, Sendable, Equatable, CustomStringConvertible {
    case badAddress(String, String)
    case unreachable(String, String)
    case timedOut(String, String)
    case protocolError(String, String)
    case refused(path: String, message: String)

    public var isTransient: Bool {
        switch self {
        case .unreachable, .timedOut, .protocolError: return true
        case .badAddress, .refused: return false
        }
    }

    public var description: String {
        switch self {
        case .badAddress(let text, let why):
            return "rrdcached address '\(text)': \(why); write unix:/path/to/socket or HOST:PORT"
        case .unreachable(let address, let why):
            return "rrdcached at \(address) is unreachable (\(why)); start it (see README, Storage through rrdcached) or fix storage.rrdcached"
        case .timedOut(let address, let call):
            return "rrdcached at \(address) did not answer in time (\(call)); it may be overloaded or hung"
        case .protocolError(let address, let line):
            return "rrdcached at \(address) answered something unexpected: '\(line.prefix(200))'"
        case .refused(let path, let message):
            return "rrdcached refused \(path): \(message)\(Self.hint(message))"
        }
    }

    /// What to do about the refusals a misconfigured rrdcached gives.
    static func hint(_ message: String) -> String {
        if message.contains("Permission denied") {
            return "; rrdcached was started with -B and a base directory (-b) that does not hold the data directory: start it with -b DATA_DIR -B (or a parent of DATA_DIR), or without -B"
        }
        if message.contains("No such file") {
            return "; rrdcached does not see the data directory at the same path: run it on this host with the same file system"
        }
        if message.contains("recursively create") {
            return "; the metric's folder is missing where rrdcached looks: run rrdcached on this host with the same file system"
        }
        return ""
    }
}
