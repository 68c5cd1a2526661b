import MetricStore
import Testing
@testable import StatsD

@Suite struct GraphiteParserTests {
    static let now = 1_700_000_000

    static func good(_ line: String) throws -> GraphiteLine {
        try GraphiteParser.parse(line: line, now: now).get()
    }

    @Test(arguments: [
        ("a.b 1 1699999990", "a.b", 1.0, 1_699_999_990),
        ("a.b 1", "a.b", 1, now),
        ("a.b 1 -1", "a.b", 1, now),
        ("a.b 1 -1.0", "a.b", 1, now),
        ("a.b 2.5 1.5e9", "a.b", 2.5, 1_500_000_000),
        ("a.b -3e2 1699999990.999", "a.b", -300, 1_699_999_990),
        ("a.b\t4\t1699999990", "a.b", 4, 1_699_999_990),
        ("  a.b  \t 5   1699999990  ", "a.b", 5, 1_699_999_990),
        ("a.b 6 1699999990\r", "a.b", 6, 1_699_999_990),
        ("host.cpu.total.user 0 0", "host.cpu.total.user", 0, 0),
    ])
    func goodLines(_ line: String, _ name: String, _ value: Double, _ time: Int) throws {
        #expect(try Self.good(line) == GraphiteLine(name: try MetricName(name), value: value, time: time))
    }

    @Test(arguments: [
        ("a.b", BadLineReason.badFormat),
        ("a.b 1 2 3", .badFormat),
        ("a.b 1 2 3 4", .badFormat),
        ("   ", .badFormat),
        ("a.b x 1", .badValue),
        ("a.b nan 1", .badValue),
        ("a.b inf", .badValue),
        ("a.b 0x10 1", .badValue),
        ("a.b 1,5 1", .badValue),
        ("a.b 1e400 1", .badValue),
        ("a.b 1 now", .badTimestamp),
        ("a.b 1 -2", .badTimestamp),
        ("a.b 1 -1.5", .badTimestamp),
        ("a.b 1 1700000000000", .badTimestamp),
        ("a.b 1 1e300", .badTimestamp),
        ("a.b 1 nan", .badTimestamp),
        ("disk.used;datacenter=dc1;rack=a1 1 1", .taggedPath),
        ("a;k=v 1", .taggedPath),
        ("a..b 1 1", .badName),
        ("../etc/x 1 1", .badName),
        ("a/b 1 1", .badName),
        ("-rf 1 1", .badName),
        ("caf\u{e9} 1 1", .badName),
        ("a\u{0}b 1 1", .badName),
        ("a:b 1 1", .badName),
        (String(repeating: "n", count: 300) + " 1 1", .badName),
        (String(repeating: "n", count: 20_000) + " 1 1", .tooLong),
    ])
    func badLines(_ line: String, _ reason: BadLineReason) {
        #expect(throws: reason) { try GraphiteParser.parse(line: line, now: Self.now).get() }
    }

    @Test func batchesCountBadLinesAndKeepTheRest() {
        let text = "a.b 1 1699999990\r\nbad 1 2 3\n\n  \t\nc.d 2\r\ne;k=v 1 1\nf.g x 1\nh.i 3 -1\n"
        let result = GraphiteParser.parse(text, now: Self.now)
        #expect(result.samples.map(\.name.rawValue) == ["a.b", "c.d", "h.i"])
        #expect(result.samples.map(\.value) == [1, 2, 3])
        #expect(result.samples.map(\.time) == [1_699_999_990, Self.now, Self.now])
        #expect(result.samples.allSatisfy { $0.kind == .gauge })
        #expect(result.badLines.counts == [.badFormat: 1, .taggedPath: 1, .badValue: 1])
        #expect(result.badLines.examples == ["bad_format: bad 1 2 3", "tagged_path: e;k=v 1 1", "bad_value: f.g x 1"])
    }

    @Test func binaryGarbageIsCounted() {
        var bytes = Array("a.b 1 1\n".utf8) + [0xFF, 0x00, 0x20, 0x31, 0x1B, 0x20, 0x32] + Array("\nc.d 2 2".utf8)
        var result = GraphiteParser.parse(bytes, now: Self.now)
        #expect(result.samples.map(\.name.rawValue) == ["a.b", "c.d"])
        #expect(result.badLines.counts == [.badName: 1])
        #expect(result.badLines.examples == ["bad_name: \\xff\\x00 1\\x1b 2"])
        bytes = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        result = GraphiteParser.parse(bytes, now: Self.now)
        #expect(result.samples.allSatisfy { $0.value.isFinite })
    }
}
