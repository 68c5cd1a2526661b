import Curl
import Foundation
import RRD
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// One central daemon and its agents as separate `metrics serve` processes on loopback, each with
/// its own data directory under one temporary directory. The central keeps one port across restarts.
final class AgentCluster: @unchecked Sendable {
    let directory = TemporaryDirectory()
    let centralPort = AgentCluster.freePort()
    let client = HTTPClient()
    static let token = "cl0ster"

    deinit { client.shutdown() }

    /// Host collectors off (the self collectors remain: counters and gauges every second).
    static let common = """
        step: 1s
        retention:
          - name: fine
            pattern: "**"
            tiers: [1s:1h]
            heartbeat: 10s
        \(hostCollectorsOff)
        """ + listenersOff

    func startCentral(extra: String = "") async throws -> DaemonProcess {
        let config = Self.common + "\ndata_dir: central\nhttp:\n  listen: 127.0.0.1:\(centralPort)\n  write_token_env: TOK\n" + extra
        let file = directory.file("central.yaml")
        FileManager.default.createFile(atPath: file, contents: Data(config.utf8))
        let central = try DaemonProcess(["serve", "--config", file], directory: directory.path, environment: ["TOK": Self.token])
        _ = try await central.waitForPort()
        return central
    }

    /// An agent named `name` (its data directory), reporting as `host`.
    func startAgent(_ name: String, host: String? = nil, token: String = AgentCluster.token, extra: String = "") async throws -> (DaemonProcess, Int) {
        let config = Self.common + """

            data_dir: \(name)
            host_name: \(host ?? name)
            role: agent
            central:
              url: http://127.0.0.1:\(centralPort)
              token_env: TOK
            \(extra)
            http:
              listen: 127.0.0.1:0
            """
        let file = directory.file("\(name).yaml")
        FileManager.default.createFile(atPath: file, contents: Data(config.utf8))
        let agent = try DaemonProcess(["serve", "--config", file], directory: directory.path, environment: ["TOK": token])
        return (agent, try await agent.waitForPort())
    }

    static func stop(_ daemon: DaemonProcess) async throws {
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
    }

    /// Timestamped gauges pushed to an agent's push API: `(time, value)` pairs of one metric.
    func push(_ metric: String, _ points: [(Int, Double)], toAgentAt port: Int) async throws {
        let entries = points.map { #"{"name":"\#(metric)","value":\#($0.1),"timestamp":\#($0.0)}"# }
        let request = HTTPRequest(url: "http://127.0.0.1:\(port)/api/v1/push", method: .post,
                                  headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: Array("[\(entries.joined(separator: ","))]".utf8))
        let response = try await client.perform(request)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
    }

    func path(_ dataDirectory: String, _ metric: String) -> String {
        directory.file(dataDirectory) + "/" + metric.replacingOccurrences(of: ".", with: "/") + ".rrd"
    }

    func exists(_ dataDirectory: String, _ metric: String) -> Bool { FileManager.default.fileExists(atPath: path(dataDirectory, metric)) }

    /// The one-second rows of a file for the points at `first` through `last` (a row is labelled
    /// with the end of its second, so the fetch starts one second earlier).
    func rows(_ dataDirectory: String, _ metric: String, _ first: Int, _ last: Int) async throws -> [Double?] {
        let result = try await RRDEngine.shared.fetch(path(dataDirectory, metric), .average, start: first - 1, end: last - 1, resolution: 1)
        return Array(result.flat.prefix(last - first + 1))
    }

    func lastUpdate(_ dataDirectory: String, _ metric: String) async throws -> Int {
        try await RRDEngine.shared.lastUpdate(path(dataDirectory, metric)).time
    }

    /// The agent's buffer files, concatenated (JSON bodies between binary headers).
    func buffer(_ agent: String) -> String {
        let folder = directory.file(agent) + "/agent-buffer"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return files.map { String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) ?? Data(), as: UTF8.self) }.joined()
    }

    func bufferBytes(_ agent: String) -> Int { buffer(agent).utf8.count }

    /// Polls (loose no-hang bound) until `condition` holds.
    func waitUntil(_ what: String, timeout: Double = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try await !condition() {
            guard Date() < deadline else {
                Issue.record("never happened: \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }
}
