import Testing
import PrometheusText

@Suite struct LineSyntaxTests {
    /// Each bad line sits between two good ones: it becomes one issue on line 2 and the parse goes on.
    @Test(arguments: [
        ("m", "missing value"),
        ("m{a=\"b\"}", "missing value"),
        ("m{a=\"b} 1", "label value not terminated"),
        ("m{a=\"b\\\"} 1", "label value not terminated"),
        ("m{1a=\"b\"} 1", "invalid label name"),
        ("m{,} 1", "invalid label name"),
        ("m{a-b=\"c\"} 1", "invalid character in label name"),
        ("m{a \"c\"} 1", "expected '=' after label name"),
        ("m{a=c} 1", "expected '\"' to open label value"),
        ("m{a=\"b\"", "label set not closed with '}'"),
        ("m{a=\"b\",", "label set not closed with '}'"),
        ("m{", "label set not closed with '}'"),
        ("m{a=\"b\" c=\"d\"} 1", "expected ',' or '}' after label value"),
        ("m abc", "invalid value"),
        ("m 1 2 3", "unexpected text after timestamp"),
        ("m 1 2 #", "unexpected text after timestamp"),
        ("1m 1", "invalid metric name"),
        ("{a=\"b\"} 1", "invalid metric name"),
        ("-m 1", "invalid metric name"),
        ("m-x 1", "invalid character in metric name"),
        ("m.x 1", "invalid character in metric name"),
        ("m{a=\"1\",a=\"2\"} 1", "duplicate label name"),
        ("m{a=\"1\",b=\"2\",a=\"1\"} 1", "duplicate label name"),
        ("# TYPE m bogus", "unknown metric type"),
        ("# TYPE m", "TYPE without type"),
        ("# TYPE", "TYPE without metric name"),
        ("# TYPE m gauge extra", "unexpected text after TYPE"),
        ("# TYPE 1m gauge", "TYPE with invalid metric name"),
        ("# HELP", "HELP without metric name"),
        ("# HELP   ", "HELP without metric name"),
        ("# HELP m-x doc", "HELP with invalid metric name"),
        ("m 1\r2", "invalid value"),
    ])
    func malformed(line: String, message: String) throws {
        let e = parse("before 1\n\(line)\nafter 2\n")
        #expect(e.samples.map(\.name) == ["before", "after"])
        #expect(e.issueCount == 1)
        let issue = try #require(e.issues.first)
        #expect(issue.line == 2)
        #expect(issue.message.hasPrefix(message), "\(issue)")
        #expect(issue.description == "line 2: " + issue.message)
    }

    @Test func issueQuotesTheOffendingInput() {
        let e = parse("ok 1\nm{path=\"/a/b\n")
        #expect(e.issues == [ParseIssue(line: 2, message: "label value not terminated: path=\"/a/b")])
    }

    /// Accepted spellings of one sample `m{a="b"} 1` (or without labels where none are written).
    @Test(arguments: [
        "m{a=\"b\"} 1",
        "m{a=\"b\",} 1",
        "m{ a = \"b\" , } 1",
        "m { a=\"b\" } 1",
        "\t  m{a=\"b\"}\t1  ",
        "m{a=\"b\"}1",
        "m{a=\"b\"} 1\r",
    ])
    func acceptedSpellings(line: String) {
        let e = parse(line + "\n")
        #expect(e.issues == [])
        #expect(e.samples == [Sample(name: "m", labels: [Label(name: "a", value: "b")], value: 1)])
    }

    @Test(arguments: ["m 1", "m{} 1", "m{ } 1", "m\t1", "m 1 ", "  m 1"])
    func noLabels(line: String) {
        let e = parse(line)
        #expect(e.issues == [])
        #expect(e.samples == [Sample(name: "m", value: 1)])
    }

    @Test(arguments: ["a:b 1", "_m 1", ":m 1", "M_9:x 1", "m{_l=\"x\"} 1", "m{L9=\"x\"} 1", "m{__name__=\"x\"} 1"])
    func nameCharacters(line: String) {
        let e = parse(line)
        #expect(e.issues == [])
        #expect(e.samples.count == 1)
    }

    @Test func lineEndingsEmptyLinesAndComments() {
        let text = "\r\n\n# a comment\n#\n   # indented comment\n# HELPER not help\na 1\r\nb 2\n\n\nc 3"
        let e = parse(text)
        #expect(e.issues == [])
        #expect(e.samples.map(\.name) == ["a", "b", "c"])
        #expect(e.help.isEmpty)
    }

    @Test func lineNumbersCountEveryLine() {
        let e = parse("\n# c\r\na 1\n\nbad\n")
        #expect(e.issues.map(\.line) == [5])
    }

    @Test func helpKeywordMayFollowHashWithoutBlank() {
        // Go's expfmt reads the first token after '#', blanks or not.
        #expect(parse("#HELP m doc\n").help["m"] == "doc")
    }

    @Test func emptyInput() {
        let e = parse("")
        #expect(e.samples.isEmpty && e.issues.isEmpty && e.issueCount == 0)
    }
}
