import Curl
import Foundation
import RRD
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// StatsD, Graphite and the push API against the running daemon, over real sockets.
@Suite(.serialized) struct IngestServeTests {
    static let step = 2
    let directory = TemporaryDirectory()

    struct Ports {
        var http: Int
        var udp: Int
        var tcp: Int
        var graphite: Int
    }

    func start(extra: String = "", httpExtra: String = "", environment: [String: String] = [:]) async throws -> (DaemonProcess, Ports) {
        let config = """
            step: \(Self.step)s
            http:
              listen: 127.0.0.1:0
            \(httpExtra)
            retention:
              - name: fine
                pattern: "**"
                tiers: [\(Self.step)s:1h]
                heartbeat: 10s
            \(hostCollectorsOff)
            statsd:
              udp: 127.0.0.1:0
              tcp: 127.0.0.1:0
              tag_segments: [env]
            graphite:
              tcp: 127.0.0.1:0
            \(extra)
            """
        FileManager.default.createFile(atPath: directory.file("metrics.yaml"), contents: Data(config.utf8))
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path, environment: environment)
        let http = try await daemon.waitForPort()
        try await daemon.waitFor("graphite tcp listening on")
        func port(_ label: String) -> Int {
            let line = daemon.log.split(separator: "\n").first { $0.contains("\(label) listening on") }!
            return Int(line.split(separator: ":").last!.prefix { $0.isNumber })!
        }
        return (daemon, Ports(http: http, udp: port("statsd udp"), tcp: port("statsd tcp"), graphite: port("graphite tcp")))
    }

    /// Waits until just after a step boundary, so that what is sent next lands in one step.
    func alignToStep() async throws {
        let now = Date().timeIntervalSince1970
        let next = (now / Double(Self.step)).rounded(.down) * Double(Self.step) + Double(Self.step)
        try await Task.sleep(for: .milliseconds(Int((next - now + 0.15) * 1_000)))
    }

    func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    func sendUDP(_ text: String, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port)
        let bytes = Array(text.utf8)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    func sendTCP(_ text: String, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let bytes = Array(text.utf8)
        _ = send(fd, bytes, bytes.count, 0)
    }

    /// A TCP connection to the daemon that can tell when the daemon closed it.
    func connectTCP(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// True when the peer closed the connection within the 5 s receive timeout: an orderly close,
    /// or a reset (a close with unread data sends RST).
    func closedByPeer(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let received = recv(fd, &byte, 1, 0)
        return received == 0 || (received < 0 && errno == ECONNRESET)
    }

    /// Every known value the file holds, oldest first.
    func values(_ metric: String) async throws -> [Double] {
        let path = directory.path + "/data/" + metric.replacingOccurrences(of: ".", with: "/") + ".rrd"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let last = try await RRDEngine.shared.lastUpdate(path).time
        return try await RRDEngine.shared.fetch(path, .average, start: last - 120, end: last, resolution: Self.step).values.compactMap { $0 }
    }

    @Test func everyStatsDTypeLandsWithExactValues() async throws {
        let (daemon, ports) = try await start()
        try await alignToStep()
        var lines = (0..<10).map { _ in "test.c:1|c" } + ["test.c:2|c|@0.5", "test.g:10|g", "test.g:-3|g", "test.g:+5|g",
                                                         "test.s:a|s", "test.s:b|s", "test.s:a|s", "test.m:1|c:2|c", "dd.hits:1|c|#env:prod,host:x"]
        lines += (1...100).map { "test.t:\($0)|ms" }
        sendUDP(lines.prefix(20).joined(separator: "\n"), port: ports.udp)
        sendUDP(lines.dropFirst(20).joined(separator: "\n"), port: ports.udp)
        sendTCP("tcp.c:5|c\ntcp.c:6|c\n", port: ports.tcp)
        try await Task.sleep(for: .seconds(Double(Self.step) * 2 + 0.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)

        #expect(try await values("test.c.count").first == 14, "10 + 2 sampled at 0.5")
        #expect(try await values("test.c.rate").first == 7)
        #expect(try await values("test.c.count").dropFirst().allSatisfy { $0 == 0 }, "idle counters write zero")
        #expect(try await values("test.g").prefix(2) == [12, 12], "deltas applied, gauge kept across steps")
        #expect(try await values("test.s.unique").first == 2)
        #expect(try await values("test.m.count").first == 3)
        #expect(try await values("dd.hits.prod.count").first == 1)
        #expect(try await values("tcp.c.count").first == 11)
        let (t50, t90, t99) = (try await values("test.t.p50").first, try await values("test.t.p90").first, try await values("test.t.p99").first)
        // Nearest rank over 1...100: the p-th percentile is the value at rank ceil(p/100 * 100).
        #expect(t50 == 50 && t90 == 90 && t99 == 99)
        #expect(try await values("test.t.mean").first == 50.5)
        #expect(try await values("test.t.min").first == 1)
        #expect(try await values("test.t.max").first == 100)
        #expect(try await values("test.t.count").first == 100)
    }

    @Test func malformedLinesAreCountedAndNeighboursKept() async throws {
        let (daemon, ports) = try await start()
        try await alignToStep()
        let bad = ["", "nocolon", "a:1", "a:1|x", "a:1|C", "a:1|c|@0", "a:1|c|@2", "a:nan|g", "a:1e400|g", "a:0x1p3|g",
                   String(repeating: "n", count: 10_000) + ":1|c", "bad/name:1|c"]
        let datagram = bad.enumerated().map { "good.n\($0.offset):1|c\n\($0.element)" }.joined(separator: "\n")
        sendUDP(datagram, port: ports.udp)
        sendUDP(String(decoding: (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }, as: UTF8.self), port: ports.udp)
        sendUDP((0..<4_000).map { _ in "big.n:1|c" }.joined(separator: "\n"), port: ports.udp)  // about 40 KB
        try await Task.sleep(for: .seconds(Double(Self.step) * 2 + 0.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        for index in bad.indices { #expect(try await values("good.n\(index).count").first == 1, "neighbour \(index) kept") }
        #expect(try await values("big.n.count").first == 4_000)
        let badTotal = try await values("metrics.self.statsd.bad_lines")
        #expect(!badTotal.isEmpty)
        let logged = daemon.log.components(separatedBy: "bad line skipped").count - 1
        #expect(logged >= 1 && logged <= 2, "bad lines are logged at a limited rate")
    }

    @Test func pushAPIAnswersWhatItAcceptedAndRequiresTheToken() async throws {
        let (daemon, ports) = try await start(httpExtra: "  write_token_env: TEST_WRITE_TOKEN", environment: ["TEST_WRITE_TOKEN": "t0ken"])
        let client = HTTPClient()
        defer { client.shutdown() }
        let url = "http://127.0.0.1:\(ports.http)/api/v1/push"
        let body = Array(#"[{"name":"p.ok","value":1.5},{"name":"p/bad","value":1},{"name":"p.text","value":"7"},{"name":"p.c","value":2,"type":"counter","timestamp":5},{"name":"p.inc","value":4,"type":"counter"}]"#.utf8)
        let json = HTTPHeader(name: "Content-Type", value: "application/json")
        let anonymous = try await client.perform(HTTPRequest(url: url, method: .post, headers: [json], body: body))
        #expect(anonymous.status == 401)
        let auth = HTTPHeader(name: "Authorization", value: "Bearer t0ken")
        let response = try await client.perform(HTTPRequest(url: url, method: .post, headers: [json, auth], body: body))
        #expect(response.status == 200)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(answer["accepted"] as? Int == 2)
        let refused = try #require(answer["refused"] as? [[String: Any]])
        #expect(refused.map { $0["index"] as? Int } == [1, 2, 3])
        #expect((refused[0]["reason"] as? String)?.contains("'/'") == true)
        let statsd = try await client.perform(HTTPRequest(url: url, method: .post, headers: [auth], body: Array("p.lines:3|c\nbad line\n".utf8)))
        #expect(statsd.status == 200)
        let garbage = try await client.perform(HTTPRequest(url: url, method: .post, headers: [json, auth], body: Array("[[[[".utf8)))
        #expect(garbage.status == 400)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        // Written by the final flush, stamped at the moment of shutdown: the value is the file's
        // last update (its step's row completes with the next update, after a restart).
        #expect(try await lastValue("p.ok") == 1.5)
        #expect(try await lastValue("p.inc.count") == 4)
        #expect(try await lastValue("p.lines.count") == 3)
    }

    func lastValue(_ metric: String) async throws -> Double? {
        let path = directory.path + "/data/" + metric.replacingOccurrences(of: ".", with: "/") + ".rrd"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try await RRDEngine.shared.lastUpdate(path).values["value"] ?? nil
    }

    /// The clients applications already use, from PyPI, sending to the daemon.
    @Test func realStatsDDogStatsDAndGraphiteClients() async throws {
        let (daemon, ports) = try await start()
        try await alignToStep()
        let script = """
            import statsd, graphyte
            from datadog.dogstatsd import DogStatsd
            c = statsd.StatsClient('127.0.0.1', \(ports.udp))
            c.incr('py.statsd.hits', 3)
            c.gauge('py.statsd.level', 9)
            c.timing('py.statsd.latency', 12)
            d = DogStatsd(host='127.0.0.1', port=\(ports.udp), disable_buffering=True, disable_telemetry=True)
            d.increment('py.dog.hits', 2, tags=['env:prod', 'host:a'])
            d.gauge('py.dog.level', 4)
            d.event('deploy', 'web v1.2')
            d.close_socket()
            graphyte.init('127.0.0.1', port=\(ports.graphite), protocol='tcp')
            graphyte.send('py.graphite.x', 5)
            """
        FileManager.default.createFile(atPath: directory.file("clients.py"), contents: Data(script.utf8))
        let clients = try await runChild("/usr/bin/env", ["python3", directory.file("clients.py")])
        #expect(clients.status == 0, "install the clients with: pip install statsd datadog graphyte\n\(clients.err)")
        try await Task.sleep(for: .seconds(Double(Self.step) * 2 + 0.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(try await values("py.statsd.hits.count").first == 3)
        #expect(try await values("py.statsd.level").first == 9)
        #expect(try await values("py.statsd.latency.max").first == 12)
        #expect(try await values("py.dog.hits.prod.count").first == 2)
        #expect(try await values("py.dog.level").first == 4)
        #expect(try await values("metrics.self.statsd.events").contains { $0 > 0 }, "the DogStatsD event is counted")
        #expect(try await values("py.graphite.x").first == 5)
        // The real DogStatsD client's event is on the timeline.
        let events = try await runMetrics(["deploys", "--from", "-1h", "--format", "json", "--data-dir", "data"], in: directory.path)
        #expect(events.out.contains("web v1.2") && events.out.contains("dogstatsd"), "\(events.out)\n\(events.err)")
    }

    /// TCP lines are bounded in length, connections in number and idle time, on both listeners.
    @Test(arguments: ["statsd tcp", "graphite tcp"])
    func tcpLimitsCloseConnections(_ listener: String) async throws {
        let (daemon, ports) = try await start(extra: "listeners:\n  max_line: 1KiB\n  max_connections: 2\n  idle_timeout: 1s\n")
        let port = listener == "statsd tcp" ? ports.tcp : ports.graphite

        let flooding = connectTCP(port: port)
        let long = Array(repeating: UInt8(ascii: "a"), count: 4_096)
        _ = send(flooding, long, long.count, 0)
        #expect(closedByPeer(flooding), "a line past max_line closes the connection")
        close(flooding)

        let first = connectTCP(port: port), second = connectTCP(port: port)
        try await Task.sleep(for: .milliseconds(200))
        let third = connectTCP(port: port)
        #expect(closedByPeer(third), "a connection past max_connections is closed")
        #expect(closedByPeer(first) && closedByPeer(second), "silent connections close after idle_timeout")
        [first, second, third].forEach { close($0) }

        let line = listener == "statsd tcp" ? "limits.ok:1|c\n" : "limits.ok 1 -1\n"
        sendTCP(line, port: port)
        try await Task.sleep(for: .seconds(Double(Self.step) * 2 + 0.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let stored = listener == "statsd tcp" ? try await values("limits.ok.count") : try await values("limits.ok")
        #expect(stored.contains(1), "the listener still works after closing those connections")
    }

    @Test func graphiteAndThePushAPI() async throws {
        let (daemon, ports) = try await start()
        let now = Int(Date().timeIntervalSince1970)
        let stamp = now / Self.step * Self.step - Self.step
        sendTCP("graphite.x 42 \(stamp)\ngraphite.y 7 -1\nbroken line\n", port: ports.graphite)
        let pushed = try await runMetrics(["push", "biz.signups", "3", "--type", "counter", "--server", "http://127.0.0.1:\(ports.http)"], in: directory.path)
        #expect(pushed.status == 0, "\(pushed.err)")
        let gauge = try await runMetrics(["push", "biz.queue", "17", "--server", "http://127.0.0.1:\(ports.http)"], in: directory.path)
        #expect(gauge.status == 0)
        let refused = try await runMetrics(["push", "bad/name", "1", "--server", "http://127.0.0.1:\(ports.http)"], in: directory.path)
        #expect(refused.status != 0)
        try await Task.sleep(for: .seconds(Double(Self.step) * 2 + 0.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(try await values("graphite.x") == [42])
        #expect(try await values("graphite.y").first == 7)
        #expect(try await values("biz.signups.count").contains(3))
        #expect(try await values("biz.queue").first == 17)
    }
}
