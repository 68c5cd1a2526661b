import Testing
import PrometheusText

@Suite struct FamilyTests {
    @Test func histogram() {
        let e = parse("""
            # HELP h Latency.
            # TYPE h histogram
            h_bucket{le="0.1"} 1
            h_bucket{le="+Inf"} 2
            h_sum 0.3
            h_count 2
            h_created 1.7e9
            """)
        #expect(e.issues == [])
        #expect(e.samples.map(\.family) == Array(repeating: "h", count: 5))
        #expect(e.samples.allSatisfy { $0.type == .histogram })
        #expect(e.types == ["h": .histogram])
        #expect(e.help == ["h": "Latency."])
    }

    @Test func summary() {
        let e = parse("""
            # TYPE s summary
            s{quantile="0.5"} 1
            s{quantile="0.99"} 2
            s_sum 3
            s_count 2
            """)
        #expect(e.issues == [])
        #expect(e.samples.map { $0.label("quantile") } == ["0.5", "0.99", nil, nil])
        #expect(e.samples.allSatisfy { $0.family == "s" && $0.type == .summary })
    }

    @Test(arguments: [
        ("# TYPE h histogram\nh_bucket 1", "histogram bucket without le label"),
        ("# TYPE h histogram\nh_bucket{le=\"x\"} 1", "label le is not a float"),
        ("# TYPE s summary\ns 1", "summary sample without quantile label"),
        ("# TYPE s summary\ns{quantile=\"high\"} 1", "label quantile is not a float"),
    ])
    func histogramAndSummaryLabelsMustBeFloats(text: String, message: String) {
        let e = parse(text)
        #expect(e.samples.isEmpty)
        #expect(e.issues.first?.message.hasPrefix(message) == true)
    }

    @Test func openMetricsStyleCounter() {
        let e = parse("# TYPE c counter\nc_total 1\nc_created 1.7e9\n")
        #expect(e.issues == [])
        #expect(e.samples.map(\.family) == ["c", "c"])
        #expect(e.samples.allSatisfy { $0.type == .counter })
    }

    @Test func prometheusStyleCounter() {
        let e = parse("# TYPE c_total counter\nc_total 1\n")
        #expect(e.samples.first?.family == "c_total")
        #expect(e.samples.first?.type == .counter)
    }

    @Test(arguments: [
        ("# TYPE g gauge\ng_total 1", "g_total"),
        ("# TYPE g gauge\ng_sum 1", "g_sum"),
        ("# TYPE s summary\ns_bucket{le=\"1\"} 1", "s_bucket"),
        ("# TYPE c counter\nc_count 1", "c_count"),
        ("x_total 1", "x_total"),
        ("_total 1", "_total"),
    ])
    func suffixOnlyJoinsAFamilyOfTheRightType(text: String, family: String) {
        let e = parse(text)
        #expect(e.issues == [])
        #expect(e.samples.first?.family == family)
        #expect(e.samples.first?.type == .untyped)
    }

    @Test func exactTypeWinsOverSuffix() {
        let e = parse("# TYPE c counter\n# TYPE c_created gauge\nc_total 1\nc_created 2\n")
        #expect(e.samples.map(\.family) == ["c", "c_created"])
        #expect(e.samples.map(\.type) == [.counter, .gauge])
    }

    @Test func typeKeywordIsCaseInsensitive() {
        #expect(parse("# TYPE m GAUGE\nm 1").samples.first?.type == .gauge)
    }

    @Test func secondTypeAndHelpAreIssuesFirstKept() {
        let e = parse("# HELP m one\n# HELP m two\n# TYPE m gauge\n# TYPE m counter\nm 1\n")
        #expect(e.help["m"] == "one")
        #expect(e.types["m"] == .gauge)
        #expect(e.samples.first?.type == .gauge)
        #expect(e.issues.map(\.line) == [2, 4])
        #expect(e.issues.map(\.message) == ["second HELP line for m", "second TYPE line for m"])
    }

    @Test(arguments: [
        "m 1\n# TYPE m gauge\nm{a=\"b\"} 2",
        "h_bucket{le=\"1\"} 1\n# TYPE h histogram\nh_count 2",
        "c_total 1\n# TYPE c counter\nc_total{a=\"b\"} 2",
    ])
    func typeAfterSamplesIsAnIssueAndIgnored(text: String) {
        let e = parse(text)
        #expect(e.issues.count == 1)
        #expect(e.issues.first?.line == 2)
        #expect(e.issues.first?.message.contains("after its samples") == true)
        #expect(e.types.isEmpty)
        #expect(e.samples.count == 2)
        #expect(e.samples.allSatisfy { $0.type == .untyped })
    }

    @Test func untypedWithoutTypeLine() {
        let e = parse("# HELP m doc only\nm 1\n")
        #expect(e.samples.first?.family == "m")
        #expect(e.samples.first?.type == .untyped)
        #expect(e.types.isEmpty)
    }

    @Test func typeAppliesOnlyToLaterSamplesAfterNameCacheInvalidation() {
        // The parser caches the previous name's family; a TYPE line in between must reset it.
        let e = parse("# TYPE a gauge\na 1\n# TYPE b counter\nb 2\n")
        #expect(e.samples.map(\.type) == [.gauge, .counter])
    }

    @Test func interleavedFamiliesKeepTheirTypes() {
        let e = parse("# TYPE a gauge\n# TYPE b counter\na 1\nb 2\na{x=\"1\"} 3\n")
        #expect(e.samples.map(\.type) == [.gauge, .counter, .gauge])
        #expect(e.issues == [])
    }
}
