import MetricStore
import Testing
@testable import AgentLink

@Suite struct ForwardingTests {
    func batch(_ name: String, _ kind: MetricKind = .gauge, points: Int = 1) throws -> SeriesBatch {
        SeriesBatch(name: try MetricName(name), kind: kind, points: (0..<points).map { TimedValue(time: 1_000 + $0, value: Double($0)) })
    }

    @Test func bodiesPrefixTheHostAndKeepKindsAndTimes() throws {
        let (bodies, unnamed) = ForwardingBackend.bodies(for: [try batch("host.cpu.user", .counter, points: 2), try batch("app.queue")], host: "web1")
        #expect(unnamed.isEmpty)
        #expect(bodies.count == 1)
        let samples = try bodies[0].samples()
        #expect(samples.map(\.name.rawValue) == ["hosts.web1.host.cpu.user", "hosts.web1.host.cpu.user", "hosts.web1.app.queue"])
        #expect(samples.map(\.kind) == [.counter, .counter, .gauge])
        #expect(samples.map(\.time) == [1_000, 1_001, 1_000])
    }

    @Test func largeFlushesAreSplitIntoBoundedBodies() throws {
        let batches = try (0..<3_000).map { try batch("app.series\($0)", points: 5) }
        let (bodies, _) = ForwardingBackend.bodies(for: batches, host: "h")
        #expect(bodies.count > 1)
        #expect(bodies.allSatisfy { $0.encoded().count <= ForwardingBackend.maxBodyBytes })
        #expect(bodies.reduce(0) { $0 + $1.sampleCount } == 15_000)
    }

    @Test func aNameTooDeepOncePrefixedIsCountedNotSent() throws {
        let deep = (1...15).map { "s\($0)" }.joined(separator: ".")
        let (bodies, unnamed) = ForwardingBackend.bodies(for: [try batch(deep, points: 2)], host: "h")
        #expect(bodies.isEmpty)
        #expect(unnamed.map(\.1) == [2])
    }

    @Test func theCentralAcceptsOnlyTheSendersOwnNames() throws {
        let foreign = AgentBatch(host: "a", series: [.init(name: "hosts.b.x", kind: .gauge, times: [1], values: [1])])
        #expect(throws: AgentBatchError.foreignName("hosts.b.x", host: "a")) { try foreign.samples() }
        let unpaired = AgentBatch(host: "a", series: [.init(name: "hosts.a.x", kind: .gauge, times: [1, 2], values: [1])])
        #expect(throws: AgentBatchError.unpaired("hosts.a.x")) { try unpaired.samples() }
    }

    @Test(arguments: [("web1", true), ("web-1_a", true), ("web1.example", false), ("-x", false), ("", false), ("wéb", false)])
    func hostNamesAreOneSegment(name: String, valid: Bool) {
        #expect(HostName.isSegment(name) == valid)
    }
}
