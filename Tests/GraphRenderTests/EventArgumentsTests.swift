import MetricStore
import Testing
@testable import GraphRender

@Suite struct EventArgumentsTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    func arguments(_ events: [TimelineEvent], theme: GraphTheme = .light, legend: Bool = true) async throws -> [String] {
        let metric = try await fixture.write("app.requests", values: [1, 2, 3])
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 3_600, theme: theme, legend: legend)
        return try GraphArguments.make(spec, dataDirectory: fixture.path, events: events)
    }

    /// Event elements come after the series' legend numbers.
    func eventElements(_ arguments: [String]) -> [String] {
        Array(arguments.drop { !$0.hasPrefix("GPRINT:s0max") }.dropFirst(2))
    }

    @Test func aMomentIsOneRuleColouredByKindWithAnEscapedLabel() async throws {
        let events = [TimelineEvent(start: t0 + 600, kind: .deploy, label: "api v1.4.2: hotfix 100%"),
                      TimelineEvent(start: t0 + 900, kind: .incident, label: "db down")]
        #expect(eventElements(try await arguments(events)) == [
            #"VRULE:1699920600#0969DA:deploy\: api v1.4.2\: hotfix 100%\l"#,
            #"VRULE:1699920900#CF222E:incident\: db down\l"#,
        ])
    }

    @Test func aRegionIsAShadedBandBetweenTwoRules() async throws {
        let events = [TimelineEvent(start: t0 + 600, end: t0 + 1_200, kind: .rollback, label: "v1.4.1")]
        let inside = "s0,POP,TIME,1699920600,GE,TIME,1699921200,LE,*"
        #expect(eventElements(try await arguments(events, theme: .dark)) == [
            "CDEF:e0up=\(inside),INF,UNKN,IF", "CDEF:e0down=\(inside),NEGINF,UNKN,IF",
            #"AREA:e0up#FF9E4030:rollback\: v1.4.1\l"#, "AREA:e0down#FF9E4030",
            "VRULE:1699920600#FF9E40", "VRULE:1699921200#FF9E40",
        ])
    }

    @Test func eventsOutsideTheRangeAreLeftOutAndRegionEdgesOutsideHaveNoRule() async throws {
        let events = [TimelineEvent(start: t0 - 60, kind: .deploy, label: "before"),
                      TimelineEvent(start: t0 + 3_700, kind: .deploy, label: "after"),
                      TimelineEvent(start: t0 - 600, end: t0 + 60, kind: .incident, label: "spans the start")]
        let elements = eventElements(try await arguments(events))
        #expect(elements.filter { $0.hasPrefix("VRULE") } == ["VRULE:1699920060#CF222E"])
        #expect(!elements.contains { $0.contains("before") || $0.contains("after") })
    }

    @Test func hostileLabelsAreFlattenedCutAndEscaped() async throws {
        let label = "line1\nCOMMENT:x\r\n\u{202E}" + String(repeating: "y", count: 10_000)
        let elements = eventElements(try await arguments([TimelineEvent(start: t0 + 60, kind: .config, label: label)]))
        let expected = #"VRULE:1699920060#9A6700:config\: line1 COMMENT\:x "# + String(repeating: "y", count: 43) + #"…\l"#
        #expect(elements == [expected])
    }

    @Test func hostileLabelsRender() async throws {
        let metric = try await fixture.write("app.requests", values: [1, 2, 3])
        let labels = [#"ends in \"#, #"\g"#, "%n%s%x", "x:COMMENT:y", #"a\:STACK"#, "two\nlines", "Größe → ✓", String(repeating: "z", count: 500)]
        let events = labels.enumerated().map { TimelineEvent(start: t0 + 60 * ($0.offset + 1), end: $0.offset % 2 == 0 ? nil : t0 + 60 * ($0.offset + 1) + 30, kind: .deploy, label: $0.element) }
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 3_600)
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path, events: events)
        #expect(Array(png.prefix(8)) == pngSignature)
        keepArtifact(png, "graph-light-hostile-events.png")
    }

    @Test func manyEventsAreCappedAndTheRestCounted() async throws {
        let events = (0..<250).map { TimelineEvent(start: t0 + $0 * 10, kind: .flag, label: "flag \($0)") }
        let elements = eventElements(try await arguments(events))
        let rules = elements.filter { $0.hasPrefix("VRULE") }
        #expect(rules.count == GraphLimits.maxEvents)
        #expect(rules.filter { $0.contains("flag ") }.count == GraphLimits.maxLabelledEvents)
        #expect(rules.last == #"VRULE:1699922490#8250DF:flag\: flag 249\l"#, "the latest events are the ones kept")
        #expect(elements.last == #"COMMENT:and 242 earlier events\l"#)
    }

    @Test func withoutALegendEventsHaveNoLabels() async throws {
        let elements = try await arguments([TimelineEvent(start: t0 + 60, kind: .deploy, label: "x")], legend: false)
        #expect(elements.contains("VRULE:1699920060#0969DA"))
        #expect(!elements.contains { $0.hasPrefix("COMMENT") })
    }
}
