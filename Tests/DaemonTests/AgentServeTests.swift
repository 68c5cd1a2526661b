import Curl
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Agents and a central daemon as separate processes: outages, kill -9, a full buffer, a wrong
/// token, a duplicate host name, a clock stepping back.
@Suite(.serialized) struct AgentServeTests {
    @Test func anOutageOfTheCentralLosesNothingAndKindsSurvive() async throws {
        let cluster = AgentCluster()
        var central = try await cluster.startCentral()
        let (a, portA) = try await cluster.startAgent("a", extra: "  keep_local: true")
        let (b, _) = try await cluster.startAgent("b")
        try await cluster.waitUntil("both agents reach the central") {
            cluster.exists("central", "hosts.a.metrics.self.samples_accepted") && cluster.exists("central", "hosts.b.metrics.self.uptime")
        }
        let begun = AgentCluster.now
        try await cluster.waitUntil("a few seconds of collection") { AgentCluster.now >= begun + 4 }
        try await AgentCluster.stop(central)
        let outage = AgentCluster.now
        try await a.waitFor("is unreachable")
        try await b.waitFor("is unreachable")
        // A gauge collected (pushed with its times) while the central is down.
        let gauge = (1...5).map { (outage - 6 + $0, Double($0) * 1.25) }
        try await cluster.push("test.level", gauge, toAgentAt: portA)
        try await cluster.waitUntil("a few seconds of batches buffered") { AgentCluster.now >= outage + 5 && cluster.buffer("a").contains("hosts.a.test.level") }
        central = try await cluster.startCentral()
        try await a.waitFor("replayed everything buffered")
        try await b.waitFor("replayed everything buffered")
        let restart = AgentCluster.now
        try await cluster.waitUntil("new samples after the replay") {
            (try? await cluster.lastUpdate("central", "hosts.b.metrics.self.uptime")) ?? 0 > restart + 1
        }
        try await AgentCluster.stop(a)
        try await AgentCluster.stop(b)
        try await AgentCluster.stop(central)

        // The gauge: every point, at its time, on both sides.
        let gaugeRows = try await cluster.rows("central", "hosts.a.test.level", outage - 5, outage - 1)
        #expect(gaugeRows == gauge.map { Optional($0.1) })
        #expect(try await cluster.rows("a", "test.level", outage - 5, outage - 1) == gaugeRows)
        // The counter: the central's file holds what the agent's own file holds, row for row
        // (a rate computed from the raw counter, so it stayed a counter), outage included.
        let last = try await cluster.lastUpdate("a", "metrics.self.samples_accepted")
        #expect(try await cluster.lastUpdate("central", "hosts.a.metrics.self.samples_accepted") == last)
        let start = begun
        let local = try await cluster.rows("a", "metrics.self.samples_accepted", start, last)
        let central1 = try await cluster.rows("central", "hosts.a.metrics.self.samples_accepted", start, last)
        #expect(central1 == local)
        #expect(try await cluster.rows("a", "metrics.self.samples_accepted", outage - 2, last).allSatisfy { $0 != nil },
                "the agent collected every second, outage included: \(local)")
        // The second agent's data arrived as well, outage included.
        let bLast = try await cluster.lastUpdate("central", "hosts.b.metrics.self.uptime")
        #expect(bLast > restart)
        #expect(try await cluster.rows("central", "hosts.b.metrics.self.uptime", begun, bLast).allSatisfy { $0 != nil })
    }

    @Test func anAgentKilledDuringTheOutageReplaysAfterRestart() async throws {
        let cluster = AgentCluster()
        var central = try await cluster.startCentral()
        var (agent, port) = try await cluster.startAgent("a")
        try await cluster.waitUntil("the agent reaches the central") { cluster.exists("central", "hosts.a.metrics.self.uptime") }
        try await AgentCluster.stop(central)
        try await agent.waitFor("is unreachable")
        let time = AgentCluster.now - 2
        try await cluster.push("test.marker", [(time, 4242.5)], toAgentAt: port)
        try await cluster.waitUntil("the marker is in the buffer") { cluster.buffer("a").contains("hosts.a.test.marker") }
        agent.signal(SIGKILL)
        _ = try await agent.waitForExit()
        // What a kill in the middle of a write leaves behind: the start of a record.
        let folder = cluster.directory.file("a/agent-buffer")
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).sorted().last)
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/" + newest))
        handle.seekToEndOfFile()
        handle.write(Data("MREC\u{7}\0\0".utf8))
        try handle.close()

        (agent, port) = try await cluster.startAgent("a")
        central = try await cluster.startCentral()
        try await agent.waitFor("replayed everything buffered")
        #expect(agent.log.contains("half-written record"))
        try await AgentCluster.stop(agent)
        try await AgentCluster.stop(central)
        #expect(try await cluster.rows("central", "hosts.a.test.marker", time, time) == [4242.5])
    }

    @Test func aWrongTokenKeepsEverythingBufferedUntilItIsFixed() async throws {
        let cluster = AgentCluster()
        let central = try await cluster.startCentral()
        var (agent, port) = try await cluster.startAgent("a", token: "wrong")
        try await agent.waitFor("refused the token")
        let time = AgentCluster.now - 2
        try await cluster.push("test.marker", [(time, 7.5)], toAgentAt: port)
        try await cluster.waitUntil("the marker is in the buffer") { cluster.buffer("a").contains("hosts.a.test.marker") }
        #expect(!cluster.exists("central", "hosts.a.metrics.self.uptime"))
        try await AgentCluster.stop(agent)
        #expect(!agent.log.contains("dropped"))
        (agent, port) = try await cluster.startAgent("a")
        try await agent.waitFor("replayed everything buffered")
        try await AgentCluster.stop(agent)
        try await AgentCluster.stop(central)
        #expect(try await cluster.rows("central", "hosts.a.test.marker", time, time) == [7.5])
    }

    @Test func aFullBufferDropsTheOldestBatchesAndSaysSo() async throws {
        let cluster = AgentCluster()
        let (agent, port) = try await cluster.startAgent("a", extra: "  buffer_max: 1MiB")
        try await agent.waitFor("is unreachable")
        // Ten batches of ~150 KB each (10,000 points of one metric), one metric per batch, oldest first.
        let base = AgentCluster.now - 20_000
        for batch in 0..<10 {
            let before = cluster.bufferBytes("a")
            try await cluster.push("fill.p\(batch)", (0..<10_000).map { (base + $0, 1) }, toAgentAt: port)
            try await cluster.waitUntil("batch \(batch) buffered") { cluster.bufferBytes("a") != before }
        }
        try await agent.waitFor("agent buffer: full")
        #expect(cluster.bufferBytes("a") <= 1 << 20)
        let central = try await cluster.startCentral()
        try await agent.waitFor("replayed everything buffered")
        try await AgentCluster.stop(agent)
        try await AgentCluster.stop(central)
        #expect(cluster.exists("central", "hosts.a.fill.p9"))
        #expect(!cluster.exists("central", "hosts.a.fill.p0"))
    }

    @Test func oneHostNameFromTwoMachinesIsRefusedToTheSecond() async throws {
        let cluster = AgentCluster()
        let central = try await cluster.startCentral()
        let (first, _) = try await cluster.startAgent("one", host: "dup")
        try await cluster.waitUntil("the first machine reports") { cluster.exists("central", "hosts.dup.metrics.self.uptime") }
        let (second, _) = try await cluster.startAgent("two", host: "dup")
        try await second.waitFor("refused host name 'dup' (HTTP 409)")
        try await central.waitFor("host name 'dup' is claimed by machine")
        try await cluster.waitUntil("the second machine buffers") { !cluster.buffer("two").isEmpty }
        try await cluster.waitUntil("the conflict is counted") { cluster.exists("central", "metrics.self.agents.host_conflicts") }
        #expect(!first.log.contains("409"))
        for daemon in [first, second, central] { try await AgentCluster.stop(daemon) }
    }

    /// Posts one series of `host` to the central as an agent would.
    func send(_ cluster: AgentCluster, _ host: String, _ times: [Int], value: Double) async throws -> Int {
        let body = #"{"host":"\#(host)","series":[{"name":"hosts.\#(host).app.level","kind":"gauge","times":\#(times),"values":\#(times.map { _ in value })}]}"#
        let request = HTTPRequest(url: "http://127.0.0.1:\(cluster.centralPort)/api/v1/samples", method: .post, headers: [
            HTTPHeader(name: "Authorization", value: "Bearer \(AgentCluster.token)"),
            HTTPHeader(name: "X-Metrics-Host", value: host), HTTPHeader(name: "X-Metrics-Machine-Id", value: "machine-\(host)"),
        ], body: Array(body.utf8))
        return try await cluster.client.perform(request).status
    }

    @Test func anAcknowledgedBatchIsInTheFilesEvenIfTheCentralIsKilledRightAfter() async throws {
        let cluster = AgentCluster()
        let central = try await cluster.startCentral()
        let now = AgentCluster.now
        #expect(try await send(cluster, "k", [now - 2, now - 1], value: 6.5) == 200)
        central.signal(SIGKILL)
        _ = try await central.waitForExit()
        #expect(try await cluster.rows("central", "hosts.k.app.level", now - 2, now - 1) == [6.5, 6.5])
    }

    @Test func aClockStepBackOnOneHostDropsOnlyItsStaleSamples() async throws {
        let cluster = AgentCluster()
        let central = try await cluster.startCentral()
        let now = AgentCluster.now
        func send(_ host: String, _ times: [Int], value: Double) async throws -> Int {
            try await self.send(cluster, host, times, value: value)
        }
        #expect(try await send("x", [now - 3, now - 2], value: 1) == 200)
        #expect(try await send("y", [now - 30], value: 2) == 200)
        try await cluster.waitUntil("the first points are written") { cluster.exists("central", "hosts.x.app.level") }
        // x's clock went back 30 s: its points are before what x's file holds, and are dropped.
        #expect(try await send("x", [now - 30, now - 29], value: 9) == 200)
        #expect(try await send("y", [now - 29], value: 3) == 200)
        try await central.waitFor("hosts.x.app.level: dropped")
        try await AgentCluster.stop(central)
        #expect(try await cluster.rows("central", "hosts.x.app.level", now - 3, now - 2) == [1, 1])
        #expect(try await cluster.lastUpdate("central", "hosts.x.app.level") == now - 2)
        #expect(try await cluster.rows("central", "hosts.y.app.level", now - 30, now - 29) == [2, 3])
        #expect(!central.log.contains("hosts.y.app.level: dropped"))
    }
}
