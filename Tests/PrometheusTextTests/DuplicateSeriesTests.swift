import Testing
import PrometheusText

@Suite struct DuplicateSeriesTests {
    @Test(arguments: [
        "m 1\nm 2",
        "m{a=\"1\",b=\"2\"} 1\nm{b=\"2\",a=\"1\"} 2",
        "m{a=\"1\"} 1\nm{ a = \"1\" , } 2",
        // Both unescape to backslash + q (unknown escapes are kept as written).
        "m{a=\"\\q\"} 1\nm{a=\"\\\\q\"} 2",
    ])
    func duplicateIsAnIssueFirstKept(text: String) throws {
        let e = parse(text)
        #expect(e.samples.count == 1)
        #expect(try #require(e.samples.first).value == 1)
        #expect(e.issues.count == 1)
        #expect(e.issues.first?.line == 2)
        #expect(e.issues.first?.message.hasPrefix("duplicate series, first on line 1") == true)
    }

    @Test(arguments: [
        "m 1\nn 2",
        "m{a=\"1\"} 1\nm{a=\"2\"} 2",
        "m{a=\"1\"} 1\nm{b=\"1\"} 2",
        "m{a=\"1\"} 1\nm{a=\"1\",b=\"\"} 2",
        "m{a=\"1\"} 1\nm 2",
        "m{a=\"bc\",d=\"e\"} 1\nm{a=\"b\",cd=\"e\"} 2",
    ])
    func distinctSeries(text: String) {
        let e = parse(text)
        #expect(e.issues == [])
        #expect(e.samples.count == 2)
    }

    @Test func largeLabelSetsInAnotherOrder() {
        let labels = (0..<40).map { "l\($0)=\"v\($0)\"" }
        let e = parse("m{\(labels.joined(separator: ","))} 1\nm{\(labels.reversed().joined(separator: ","))} 2\n")
        #expect(e.samples.count == 1)
        #expect(e.issues.count == 1)
    }

    @Test func duplicatesAmongManySeries() {
        let lines = (0..<5000).map { "m{i=\"\($0 % 2500)\"} \($0)" }
        let e = parse(lines.joined(separator: "\n"))
        #expect(e.samples.count == 2500)
        #expect(e.issueCount == 2500)
        #expect(e.issues.count == Exposition.maxIssues)
    }
}
