import Foundation
import RRD
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real rrdcached (Debian's package) in the foreground, started by a test and stopped or killed
/// by it. Its points stay cached for an hour (`-w 3600`), so a read that does not flush misses
/// them; its journal lets it replay what it had accepted after a SIGKILL.
final class RRDCachedProcess: Sendable {
    enum Listen: String, CaseIterable, Sendable { case unix, tcp }

    static let executable = "/usr/bin/rrdcached"
    let directory = TemporaryDirectory()
    let address: RRDCachedAddress
    /// The `-b` base directory (with `-B`).
    let base: String
    private let run = Mutex<Task<(status: Int32, out: String, err: String), any Error>?>(nil)

    init(_ listen: Listen, base: String? = nil) throws {
        self.base = base ?? directory.path + "/data"
        try FileManager.default.createDirectory(atPath: self.base, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.path + "/journal", withIntermediateDirectories: true)
        switch listen {
        case .unix: address = RRDCachedAddress(.unix(path: directory.path + "/rrdcached.sock"))
        case .tcp: address = RRDCachedAddress(.tcp(host: "127.0.0.1", port: try Self.freePort()))
        }
    }

    var dataDirectory: String { base }

    /// Starts rrdcached and waits until it answers PING.
    func start() async throws {
        let arguments = ["-g", "-l", address.description, "-b", base, "-B", "-j", directory.path + "/journal",
                         "-p", directory.path + "/rrdcached.pid", "-w", "3600", "-f", "7200", "-F"]
        try? FileManager.default.removeItem(atPath: directory.path + "/rrdcached.pid")
        let exited = Mutex(false)
        let task = Task {
            defer { exited.withLock { $0 = true } }
            return try await runChild(Self.executable, arguments)
        }
        run.withLock { $0 = task }
        let client = RRDCachedClient(address: address, timeout: .seconds(2))
        for _ in 0..<400 {
            if (try? await client.ping()) != nil { return }
            if exited.withLock({ $0 }) { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let output = await stop(signal: SIGKILL)
        throw ProcessFailure("rrdcached did not start: \(output)")
    }

    /// Signals rrdcached and waits for it to exit; returns its standard error.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) async -> String {
        guard let task = run.withLock({ value in defer { value = nil }; return value }) else { return "" }
        for _ in 0..<400 {
            if let text = try? String(contentsOfFile: directory.path + "/rrdcached.pid", encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, signal)
                break
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return (try? await task.value)?.err ?? ""
    }

    /// Sends `signal` (SIGSTOP and SIGCONT make a hung rrdcached). A stop takes effect a little
    /// later: wait until the kernel says the process is stopped, so that the next request is
    /// really unanswered (at most 10 s, a no-hang bound).
    func send(_ signal: Int32) async {
        guard let text = try? String(contentsOfFile: directory.path + "/rrdcached.pid", encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return }
        kill(pid, signal)
        guard signal == SIGSTOP else { return }
        for _ in 0..<1_000 {
            // /proc/PID/stat: "PID (comm) STATE ..."; T is stopped.
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "T" { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    deinit {
        if let text = try? String(contentsOfFile: directory.path + "/rrdcached.pid", encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), run.withLock({ $0 != nil }) {
            kill(pid, SIGKILL)
        }
    }

    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ProcessFailure("bind: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
