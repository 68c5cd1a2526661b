import Testing
@testable import MetricStore

@Suite struct MetricNameTests {
    @Test(arguments: ["host.cpu.total.user", "app.web.http.5xx", "biz.signups", "a", "A_b-c.d9", "x.-y".replacingOccurrences(of: "-y", with: "y-")])
    func acceptsPlainNames(_ text: String) throws {
        let name = try MetricName(text)
        #expect(name.rawValue == text)
        #expect(!name.relativePath.contains(".."))
    }

    @Test func mapsSegmentsToDirectories() throws {
        #expect(try MetricName("app.web.http.5xx").relativePath == "app/web/http/5xx.rrd")
    }

    static let hostile: [(String, MetricNameError)] = [
        ("", .empty),
        ("..", .emptySegment(position: 0)),
        ("a..b", .emptySegment(position: 2)),
        (".hidden", .emptySegment(position: 0)),
        ("trailing.", .emptySegment(position: 9)),
        ("../../etc/cron.d/x", .emptySegment(position: 0)),
        ("a/b", .badCharacter("/", position: 1)),
        ("/abs", .badCharacter("/", position: 0)),
        ("nul\u{0}byte", .badCharacter("\\0", position: 3)),
        ("new\nline", .badCharacter("\\n", position: 3)),
        ("colon:daemon=evil", .badCharacter(":", position: 5)),
        ("space name", .badCharacter(" ", position: 5)),
        ("caf\u{e9}", .badCharacter("\\u{00E9}", position: 3)),
        ("a.-rf", .leadingDash(position: 2)),
        (String(repeating: "a", count: 300), .tooLong(length: 300)),
        (String(repeating: "a.", count: 20) + "a", .tooManySegments(count: 21)),
        (String(repeating: "b", count: 129), .segmentTooLong(position: 128)),
    ]

    @Test(arguments: hostile)
    func refusesHostileNamesWithTheReason(_ text: String, _ expected: MetricNameError) {
        #expect(throws: expected) { try MetricName(text) }
    }

    @Test func errorMessagesShowTheBadCharacterAndTheRule() {
        let message = "\(MetricNameError.badCharacter("/", position: 1))"
        #expect(message.contains("'/'"))
        #expect(message.contains("letters, digits"))
    }
}

@Suite struct MetricPatternTests {
    @Test(arguments: [
        ("host.cpu.*.user", "host.cpu.0.user", true),
        ("host.cpu.*.user", "host.cpu.total.user", true),
        ("host.cpu.*.user", "host.cpu.a.b.user", false),
        ("app.**", "app.web.http.5xx", true),
        ("app.**", "apps.web", false),
        ("**", "anything.at.all", true),
        ("biz.sign?ps", "biz.signups", true),
        ("biz.sign?ps", "biz.sign.ps", false),
        ("host.*", "host.cpu.total", false),
        ("*.load.*", "host.load.1", true),
        ("*", "host", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxb.yyc", false),
        ("a**c", "ab.b.c", true),
        ("**.user", "host.cpu.0.user", true),
        ("host.**.user", "host.user", false),
        ("*.*", "a.b", true),
        ("?", "ab", false),
        ("a?*", "a", false),
    ])
    func matches(_ pattern: String, _ name: String, _ expected: Bool) throws {
        #expect(try MetricPattern(pattern).matches(MetricName(name)) == expected)
    }

    /// Patterns that made the old backtracking matcher take exponential time answer at once
    /// (patterns come from HTTP queries); no timing asserted, the test would hang.
    @Test func pathologicalPatternsAreLinear() throws {
        let name = try MetricName(String(repeating: "a", count: 120) + "." + String(repeating: "a", count: 120))
        #expect(!(try MetricPattern(String(repeating: "*a", count: 30) + "*b").matches(name)))
        #expect(!(try MetricPattern(String(repeating: "**a", count: 30) + "**b").matches(name)))
        #expect(try MetricPattern(String(repeating: "**a", count: 30)).matches(name))
    }

    @Test func refusesCharactersOutsideTheGrammar() {
        #expect(throws: MetricPatternError.badCharacter("/", position: 4)) { try MetricPattern("host/cpu") }
        #expect(throws: MetricPatternError.empty) { try MetricPattern("") }
    }
}

@Suite struct RetentionSchemaTests {
    @Test func defaultCostsAboutNineHundredKiBPerMetric() {
        let bytes = RetentionSchema.standard.bytesPerMetric
        #expect((900_000...1_000_000).contains(bytes), "\(bytes)")
        let layout = RetentionSchema.standard.layout(for: .counter)
        #expect(layout.step == 10)
        #expect(layout.sources.first?.type == .dderive)
        #expect(layout.sources.first?.min == 0)
        #expect(layout.archives.count == 10, "AVERAGE for the base tier, AVERAGE/MIN/MAX for three coarser ones")
    }

    @Test func parsesCarbonStyleTiers() {
        #expect(RetentionTier("10s:1d") == RetentionTier(resolution: 10, duration: 86_400))
        #expect(RetentionTier("1m:2y") == RetentionTier(resolution: 60, duration: 2 * 31_536_000))
        #expect(RetentionTier("10:1d") == nil)
        #expect(RetentionTier("10s") == nil)
        #expect(RetentionTier("-1s:1d") == nil)
    }

    @Test func reportsInconsistentTiers() throws {
        let schema = RetentionSchema(name: "odd", pattern: try MetricPattern("**"), tiers: [
            RetentionTier(resolution: 10, duration: 3_600), RetentionTier(resolution: 15, duration: 3_600),
            RetentionTier(resolution: 10, duration: 5),
        ])
        let problems = schema.problems()
        #expect(problems.contains { $0.contains("multiple of the base step") })
        #expect(problems.contains { $0.contains("finest to coarsest") })
        #expect(problems.contains { $0.contains("less than one point") })
    }

    @Test func firstMatchingSchemaWins() throws {
        let fast = RetentionSchema(name: "fast", pattern: try MetricPattern("biz.**"), tiers: [RetentionTier(resolution: 1, duration: 3_600)])
        let policy = RetentionPolicy([fast, .standard])
        #expect(policy.schema(for: try MetricName("biz.signups")).name == "fast")
        #expect(policy.schema(for: try MetricName("host.load.1")).name == "default")
    }
}

@Suite struct MetricNameSegmentTests {
    @Test(arguments: [
        ("eth0", "eth0"), ("my disk", "my_disk"), ("weird@dev", "weird_dev"), ("-rf", "_rf"),
        ("", "_"), ("a.b", "a_b"), ("caf\u{e9}", "caf__"), ("../x", "___x"),
    ])
    func makesValidSegments(_ text: String, _ expected: String) throws {
        #expect(MetricName.segment(from: text) == expected)
        #expect(try MetricName("host.net.\(MetricName.segment(from: text)).rx_bytes").segments.count == 4)
    }

    @Test func cutsLongTextToTheSegmentLimit() {
        #expect(MetricName.segment(from: String(repeating: "x", count: 500)).count == MetricName.maxSegmentLength)
    }
}
