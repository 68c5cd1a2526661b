import MetricStore
import Testing
@testable import StatsD

@Suite struct StatsDParserTests {
    static func only(_ line: String, tagSegments: [String] = []) throws -> StatsDMetric {
        let result = StatsDParser.parse(line, tagSegments: tagSegments)
        #expect(result.badLines.counts.isEmpty, "\(result.badLines.examples)")
        try #require(result.metrics.count == 1)
        return result.metrics[0]
    }

    @Test(arguments: [
        ("hits:1|c", StatsDType.counter, 1.0, 1.0, false),
        ("hits:-2.5|c", .counter, -2.5, 1, false),
        ("hits:3|c|@0.1", .counter, 3, 0.1, false),
        ("hits:1|c|@1", .counter, 1, 1, false),
        ("level:42|g", .gauge, 42, 1, false),
        ("level:+5|g", .gauge, 5, 1, true),
        ("level:-5|g", .gauge, -5, 1, true),
        ("level:1.5e3|g", .gauge, 1500, 1, false),
        ("level:7|g|@0.5", .gauge, 7, 0.5, false),
        ("latency:320|ms", .timer, 320, 1, false),
        ("latency:320|ms|@0.25", .timer, 320, 0.25, false),
        ("size:12.5|h", .histogram, 12.5, 1, false),
        ("size:.5|d", .distribution, 0.5, 1, false),
        ("a.b-c_d.9:1E-2|c", .counter, 0.01, 1, false),
    ])
    func parsesEveryTypeAndRate(_ line: String, _ type: StatsDType, _ value: Double, _ rate: Double, _ delta: Bool) throws {
        let metric = try Self.only(line)
        #expect(metric.type == type)
        #expect(metric.value == value)
        #expect(metric.sampleRate == rate)
        #expect(metric.isDelta == delta)
        #expect(metric.setMember == nil)
        #expect(metric.tags.isEmpty)
    }

    @Test func setMembersAreTokens() throws {
        let metric = try Self.only("users:alice@example.com|s")
        #expect(metric.type == .set)
        #expect(metric.setMember == "alice@example.com")
        #expect(try Self.only("users:nan|s").setMember == "nan")
    }

    @Test func multiValueLines() throws {
        let etsy = StatsDParser.parse("req:1|c:250|ms|@0.5:3|g")
        #expect(etsy.badLines.counts.isEmpty)
        #expect(etsy.metrics.map(\.type) == [.counter, .timer, .gauge])
        #expect(etsy.metrics.map(\.value) == [1, 250, 3])
        #expect(etsy.metrics.map(\.sampleRate) == [1, 0.5, 1])
        #expect(etsy.metrics.allSatisfy { $0.name.rawValue == "req" })

        let counters = StatsDParser.parse("name:1|c:2|c")
        #expect(counters.metrics.map(\.value) == [1, 2])

        let packed = StatsDParser.parse("lat:1:2:3|ms|@0.5|#env:prod")
        #expect(packed.metrics.map(\.value) == [1, 2, 3])
        #expect(packed.metrics.allSatisfy { $0.type == .timer && $0.sampleRate == 0.5 && $0.tags == [StatsDTag("env", "prod")] })

        let members = StatsDParser.parse("u:a:b:a|s")
        #expect(members.metrics.compactMap(\.setMember) == ["a", "b", "a"])
    }

    @Test func dogStatsDTags() throws {
        let metric = try Self.only("page.views:1|c|#env:prod,host:a,canary,url:http://x/y")
        #expect(metric.name.rawValue == "page.views")
        #expect(metric.tags == [StatsDTag("env", "prod"), StatsDTag("host", "a"), StatsDTag("canary", ""), StatsDTag("url", "http://x/y")])
    }

    @Test(arguments: [
        ("page.views:1|c|#env:prod,host:a", ["env"], "page.views.prod"),
        ("page.views:1|c|#env:prod,host:a", ["host", "env"], "page.views.a.prod"),
        ("page.views:1|c|#host:a", ["env", "host"], "page.views.a"),
        ("page.views:1|c", ["env"], "page.views"),
        ("page.views:1|c|#env:eu.west 1", ["env"], "page.views.eu_west_1"),
        ("page.views:1|c|#env,env:later", ["env"], "page.views._"),
        ("page.views:1|c|#region:-x", ["region"], "page.views._x"),
    ])
    func tagSegmentsExtendTheName(_ line: String, _ segments: [String], _ expected: String) throws {
        #expect(try Self.only(line, tagSegments: segments).name.rawValue == expected)
    }

    @Test func tagSegmentsPastTheNameLimitsRefuseTheLine() {
        let deep = Array(repeating: "a", count: 16).joined(separator: ".")
        let result = StatsDParser.parse("\(deep):1|c|#env:prod", tagSegments: ["env"])
        #expect(result.metrics.isEmpty)
        #expect(result.badLines.counts == [.badName: 1])
    }

    @Test func otherSectionsAreIgnored() throws {
        let metric = try Self.only("a:1|c|@0.5|c:83c0a99c0a54c0c187f461c7980e9b57f3f6a8b0c918c8d93df19a9de6f3fe1d|T1656581400|#k:v|e:it-false,cn-x")
        #expect(metric.sampleRate == 0.5)
        #expect(metric.tags == [StatsDTag("k", "v")])
    }

    @Test func eventsAreParsedAndServiceChecksCounted() {
        let datagram = """
            _e{5,4}:title|text|d:1656581400|h:web1|p:normal|t:info|#deploy:1
            a:1|c
            _sc|redis.up|0|d:1656581400|h:db1|#env:prod|m:ok
            _e{1,1}:x|y
            """
        let result = StatsDParser.parse(datagram)
        #expect(result.events == 2)
        #expect(result.serviceChecks == 1)
        #expect(result.metrics.count == 1)
        #expect(result.badLines.counts.isEmpty)
    }

    @Test func linesSplitOnNewlineToleratingCRLFAndEmptyLines() {
        let result = StatsDParser.parse("a:1|c\r\n\r\n\nb:2|g\r\nc:3|ms\n")
        #expect(result.metrics.map(\.name.rawValue) == ["a", "b", "c"])
        #expect(result.metrics.map(\.value) == [1, 2, 3])
        #expect(result.badLines.counts.isEmpty)
        #expect(StatsDParser.parse("").metrics.isEmpty)
        #expect(StatsDParser.parse("\n\r\n").badLines.counts.isEmpty)
    }

    @Test func bytesAndRawBufferGiveTheSameResult() {
        let bytes = Array("a:1|c\nb:x|g\nc:2|ms".utf8)
        let fromArray = StatsDParser.parse(bytes)
        let fromBuffer = bytes.withUnsafeBytes { StatsDParser.parse($0) }
        #expect(fromArray == fromBuffer)
        #expect(fromArray.metrics.map(\.name.rawValue) == ["a", "c"])
        #expect(fromArray.badLines.counts == [.badValue: 1])
    }
}

@Suite struct StrictDecimalBytesTests {
    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { StrictDecimal.parse($0) }
    }

    @Test(arguments: ["0", "-0", "+1", "1.", ".5", "007", "0.001", "1e3", "1E+3", "-2.5e-3", "123456789012345",
                      "1234567890123456789012", "0.1", "0.3", "9007199254740993", "1.7976931348623157e308",
                      "4.9e-324", "1e-400", "3.14159265358979323846264338327950288", "1e22", "1e23", "123456.789e-30"])
    func agreesWithTheStandardLibrary(_ text: String) {
        #expect(Self.parse(text)?.bitPattern == Double(text)?.bitPattern)
    }

    @Test func agreesWithTheStandardLibraryOnRandomDecimals() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let digits = String(random.next() % 10_000_000_000_000_000)
            let point = Int(random.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if random.next() % 3 == 0 { text += "e" + String(Int(random.next() % 60) - 30) }
            if random.next() % 2 == 0 { text = "-" + text }
            #expect(Self.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test(arguments: ["", "-", "+", ".", "e5", "1e", "1e+", "nan", "NaN", "inf", "-inf", "infinity", "0x1p3", "1,5",
                      " 1", "1 ", "1e400", "-1e999", "1.2.3", "1e5e5", "--1", "1_000", "١"])
    func refusesAnythingElse(_ text: String) {
        #expect(Self.parse(text) == nil)
    }
}
