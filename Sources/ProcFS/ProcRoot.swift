#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a /proc file could not be read.
public enum ProcReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or a directory on its path) does not exist, e.g. /proc/pressure on kernels
    /// without PSI.
    case missing(path: String)
    /// The file exists but open/read failed; `reason` is strerror(errno).
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path): no such file"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }
}

/// The root of a proc filesystem: "/proc" in production, a fixture directory in tests.
/// Reading is kept apart from the pure `parse` functions so parsers are testable on bytes.
public struct ProcRoot: Sendable {
    public let path: String

    public init(_ path: String = "/proc") {
        self.path = path
    }

    /// Full path of a file below the root, e.g. "net/dev" → "/proc/net/dev".
    public func path(of relative: String) -> String {
        path.hasSuffix("/") ? path + relative : path + "/" + relative
    }

    public func exists(_ relative: String) -> Bool {
        access(path(of: relative), F_OK) == 0
    }

    /// Reads a whole file, e.g. `read("stat")`, `read("net/dev")`, `read("pressure/cpu")`.
    ///
    /// /proc files report a size of 0 and are generated as they are read, so this reads
    /// until read(2) returns 0 rather than trusting stat(2).
    public func read(_ relative: String) throws(ProcReadError) -> [UInt8] {
        let full = path(of: relative)
        var fd: Int32
        repeat {
            fd = open(full, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw Self.error(errno, full) }
        defer { close(fd) }

        // One page fits most /proc files; grow by doubling for the long ones.
        var buffer = [UInt8](repeating: 0, count: 4096)
        var used = 0
        while true {
            if used == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                posixRead(fd, raw.baseAddress! + used, raw.count - used)
            }
            if n > 0 {
                used += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw Self.error(errno, full)
            }
        }
        buffer.removeLast(buffer.count - used)
        return buffer
    }

    private static func error(_ code: Int32, _ path: String) -> ProcReadError {
        if code == ENOENT || code == ENOTDIR { return .missing(path: path) }
        return .unreadable(path: path, reason: String(cString: strerror(code)))
    }
}

// `read` inside ProcRoot would resolve to the method; name the C function explicitly.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
