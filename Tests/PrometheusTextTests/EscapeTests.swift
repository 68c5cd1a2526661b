import Testing
import PrometheusText

@Suite struct EscapeTests {
    /// Label values: `\\`, `\"`, `\n` are escapes; any other backslash pair is kept as written,
    /// as Prometheus' scrape parser does.
    @Test(arguments: [
        (#"plain"#, "plain"),
        (#""#, ""),
        (#"a\\b"#, "a\\b"),
        (#"a\"b"#, "a\"b"),
        (#"a\nb"#, "a\nb"),
        (#"\\n"#, "\\n"),
        (#"\\\""#, "\\\""),
        (#"\t"#, "\\t"),
        (#"\x41"#, "\\x41"),
        (#"a\\"#, "a\\"),
        (#"café ☕ 日本"#, "café ☕ 日本"),
        (#"a,b}c=d{"#, "a,b}c=d{"),
        (#"  spaced  "#, "  spaced  "),
        (#"#not a comment"#, "#not a comment"),
    ])
    func labelValue(written: String, expected: String) throws {
        let e = parse("m{v=\"\(written)\"} 1\n")
        #expect(e.issues == [])
        #expect(try #require(e.samples.first).label("v") == expected)
    }

    /// HELP docstrings know only `\\` and `\n`; `\"` stays as written.
    @Test(arguments: [
        (#"plain text"#, "plain text"),
        (#"a\\b"#, "a\\b"),
        (#"a\nb"#, "a\nb"),
        (#"a\"b"#, "a\\\"b"),
        (#"a\tb"#, "a\\tb"),
        (#"ends with \"#, "ends with \\"),
        (#"\\n"#, "\\n"),
        (#"  inner  spaces"#, "inner  spaces"),
        (#"ünïcödé"#, "ünïcödé"),
    ])
    func helpDocstring(written: String, expected: String) {
        let e = parse("# HELP m \(written)\nm 1\n")
        #expect(e.issues == [])
        #expect(e.help["m"] == expected)
    }

    @Test func helpWithoutDocstringIsEmpty() {
        #expect(parse("# HELP m\n").help["m"] == "")
        #expect(parse("# HELP m   \n").help["m"] == "")
    }
}
