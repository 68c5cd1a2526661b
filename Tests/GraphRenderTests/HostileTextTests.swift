import MetricStore
import Testing
@testable import GraphRender

/// User strings that try to break out of their rrd_graph field: each becomes exactly the expected
/// argument, and librrd accepts the whole graph.
@Suite struct HostileTextTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    func spec(legend: String? = nil, title: String? = nil, unit: String? = nil, metric: MetricName) -> GraphSpec {
        GraphSpec(series: [GraphSeries(metric: metric, legend: legend)], start: t0, end: t0 + 3_000, title: title, unit: unit)
    }

    func render(_ spec: GraphSpec) async throws {
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        #expect(Array(png.prefix(8)) == pngSignature)
    }

    static let legends: [(String, String)] = [
        ("a:b", #"a\:b"#),
        ("%n%s", "%n%s"),                       // '%' is literal in legends (see PercentTests)
        ("50%", "50%"),
        (#"\"#, #"\\."#),                       // a lone backslash would swallow the next ':'
        (#"ends in \n"#, #"ends in \n\."#),     // a trailing \n would be a line break code
        (#"\g"#, #"\g\."#),
        (#"x\:STACK"#, #"x\\:STACK"#),          // shows as x\:STACK, no stacking
        (#"a\:"#, #"a\\:\."#),
        ("COMMENT:x", #"COMMENT\:x"#),
        ("x:DEF:y=/etc/passwd:value:AVERAGE", #"x\:DEF\:y=/etc/passwd\:value\:AVERAGE"#),
        (":daemon=evil.example:1234", #"\:daemon=evil.example\:1234"#),
        ("Größe µs → ✓ °C", "Größe µs → ✓ °C"),
        ("<span size=\"99999\">x</span>", "<span size=\"99999\">x</span>"), // pango markup stays off
        ("", ""),
    ]

    @Test(arguments: legends)
    func legendIsEscapedAndAccepted(legend: String, expected: String) async throws {
        let metric = try await fixture.write("app.hostile", values: [1, 2, 3])
        let spec = spec(legend: legend, metric: metric)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        #expect(arguments.contains("LINE2:s0#1F77B4:" + expected), "\(arguments.filter { $0.hasPrefix("LINE") })")
        try await render(spec)
    }

    static let refused: [(String, GraphError)] = [
        ("a\nb", .controlCharacter(field: "legend of app.hostile")),
        ("a\r\nCOMMENT:x", .controlCharacter(field: "legend of app.hostile")),
        ("tab\there", .controlCharacter(field: "legend of app.hostile")),
        ("nul\u{0}", .controlCharacter(field: "legend of app.hostile")),
        ("\u{202E}txt.exe", .controlCharacter(field: "legend of app.hostile")),
        ("line\u{2028}break", .controlCharacter(field: "legend of app.hostile")),
        (String(repeating: "x", count: 10_240), .textTooLong(field: "legend of app.hostile", length: 10_240, limit: 100)),
        (String(repeating: "e\u{301}", count: 60), .textTooLong(field: "legend of app.hostile", length: 120, limit: 100)),
    ]

    @Test(arguments: refused)
    func legendIsRefused(legend: String, error: GraphError) throws {
        let spec = spec(legend: legend, metric: try MetricName("app.hostile"))
        #expect(throws: error) { try GraphArguments.make(spec, dataDirectory: fixture.path) }
    }

    @Test(arguments: ["-x --rigid", #"a:b %n %s \"#, "--", "Größe → ✓"])
    func titleIsOneArgumentAndAccepted(title: String) async throws {
        let metric = try await fixture.write("app.hostile", values: [1, 2, 3])
        let arguments = try GraphArguments.make(spec(title: title, metric: metric), dataDirectory: fixture.path)
        let index = try #require(arguments.firstIndex(of: "--title"))
        #expect(arguments[index + 1] == title)
        #expect(!arguments.contains("--rigid"))
        try await render(spec(title: title, metric: metric))
    }

    @Test func titleOfTenKilobytesIsRefusedWithTheLimit() throws {
        let spec = spec(title: String(repeating: "t", count: 10_240), metric: try MetricName("app.hostile"))
        #expect(throws: GraphError.textTooLong(field: "title", length: 10_240, limit: GraphLimits.titleLength)) {
            try GraphArguments.make(spec, dataDirectory: fixture.path)
        }
        #expect(GraphError.textTooLong(field: "title", length: 10_240, limit: 150).description == "title is 10240 characters long; the limit is 150")
    }

    /// The unit sits inside GPRINT formats, where '%' is a format character: it is doubled.
    static let units: [(String, String)] = [
        ("%", "%%"),
        ("%n%s", "%%n%%s"),
        ("a:b", #"a\:b"#),
        (#"\"#, #"\\."#),
        (#"\l"#, #"\l\."#),
        ("B", "B"),
    ]

    @Test(arguments: units)
    func unitIsEscapedInsideFormats(unit: String, expected: String) async throws {
        let metric = try await fixture.write("app.hostile", values: [1, 2, 3])
        let arguments = try GraphArguments.make(spec(unit: unit, metric: metric), dataDirectory: fixture.path)
        let number = unit == "%" ? "%7.2lf " : "%7.2lf%s"  // a percentage is never SI-scaled
        #expect(arguments.contains("GPRINT:s0last: last " + number + expected))
        #expect(arguments.contains("GPRINT:s0max: max " + number + expected))
        try await render(spec(unit: unit, metric: metric))
    }
}
