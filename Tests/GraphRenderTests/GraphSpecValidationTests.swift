import MetricStore
import Testing
@testable import GraphRender

@Suite struct GraphSpecValidationTests {
    static let t0 = MetricFixture.t0
    static let metric = try! MetricName("host.load.1")

    static func spec(_ change: (inout GraphSpec) -> Void) -> GraphSpec {
        var spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 3_600)
        change(&spec)
        return spec
    }

    static let bad: [(String, GraphSpec, GraphError)] = [
        ("width 100000", spec { $0.width = 100_000 }, .widthOutOfBounds(100_000)),
        ("width 99", spec { $0.width = 99 }, .widthOutOfBounds(99)),
        ("height 0", spec { $0.height = 0 }, .heightOutOfBounds(0)),
        ("height 3001", spec { $0.height = 3_001 }, .heightOutOfBounds(3_001)),
        ("start = end", spec { $0.end = $0.start }, .emptyRange(start: t0, end: t0)),
        ("start after end", spec { $0.start = $0.end + 1 }, .emptyRange(start: t0 + 3_601, end: t0 + 3_600)),
        ("negative start", spec { $0.start = -5 }, .emptyRange(start: -5, end: t0 + 3_600)),
        ("100 years", spec { $0.start = 0; $0.end = 100 * 365 * 86_400 }, .rangeTooLong(seconds: 100 * 365 * 86_400)),
        ("Int.max end", spec { $0.end = Int.max }, .rangeTooLong(seconds: Int.max - t0)),
        ("no series", spec { $0.series = [] }, .noSeries),
        ("51 series", spec { $0.series = Array(repeating: GraphSeries(metric: metric), count: 51) }, .tooManySeries(51)),
        ("21 thresholds", spec { $0.thresholds = Array(repeating: GraphThreshold(value: 1), count: 21) }, .tooManyThresholds(21)),
        ("NaN threshold", spec { $0.thresholds = [GraphThreshold(value: .nan)] }, .invalid(field: "threshold", reason: "nan is not a finite number")),
        ("line width 50", spec { $0.series[0].style = .line(width: 50) },
         .invalid(field: "line width of host.load.1", reason: "50.0 is out of bounds; use 0.5 to 10.0")),
        ("lower above upper", spec { $0.yAxis = .init(lowerLimit: 5, upperLimit: 1) },
         .invalid(field: "y-axis", reason: "lower limit 5.0 is not below upper limit 1.0")),
        ("infinite limit", spec { $0.yAxis = .init(upperLimit: .infinity) }, .invalid(field: "upper limit", reason: "inf is not a finite number")),
        ("log from zero", spec { $0.yAxis = .init(lowerLimit: 0, logarithmic: true) },
         .invalid(field: "y-axis", reason: "a logarithmic axis needs a lower limit above 0, not 0.0")),
        ("stacked band", spec { $0.series[0].stack = true; $0.series[0].band = true },
         .invalid(field: "series host.load.1", reason: "band and lastWeek cannot be combined with stack")),
        ("newline in vertical label", spec { $0.verticalLabel = "a\nb" }, .controlCharacter(field: "vertical label")),
        ("long threshold label", spec { $0.thresholds = [GraphThreshold(value: 1, label: String(repeating: "x", count: 101))] },
         .textTooLong(field: "label of threshold 1", length: 101, limit: 100)),
    ]

    @Test(arguments: bad)
    func outOfBoundsIsATypedError(_ name: String, spec: GraphSpec, error: GraphError) {
        #expect(throws: error, "\(name)") { try spec.validate() }
    }

    @Test func boundsThemselvesAreAccepted() throws {
        try Self.spec { $0.width = 100; $0.height = 50 }.validate()
        try Self.spec { $0.width = 4_000; $0.height = 3_000 }.validate()
        try Self.spec { $0.start = $0.end - GraphLimits.maxRange }.validate()
        try Self.spec { $0.series = Array(repeating: GraphSeries(metric: Self.metric), count: 50) }.validate()
    }

    @Test func messagesSayTheLimit() {
        #expect(GraphError.widthOutOfBounds(100_000).description == "graph width 100000 is out of bounds; use 100 to 4000 pixels")
        #expect(GraphError.rangeTooLong(seconds: 100 * 365 * 86_400).description.contains("the limit is 3653 days (10 years)"))
        #expect(GraphError.tooManySeries(51).description.contains("the limit is 50"))
    }

    @Test(arguments: ["#12345", "red", "#GGGGGG", "#1234567", "#123456:LINE", "123456", "#12345678:", ""])
    func badColoursAreRefused(text: String) {
        #expect(throws: GraphError.self) { try GraphColor(text) }
    }

    @Test func goodColoursAreUpperCasedAndTakeAlpha() throws {
        #expect(try GraphColor("#a1b2c3").hex == "#A1B2C3")
        #expect(try GraphColor("#a1b2c3d4").hex == "#A1B2C3D4")
        #expect(try GraphColor("#A1B2C3D4").withAlpha(0x0F).hex == "#A1B2C30F")
    }

    @Test(arguments: GraphTheme.allCases)
    func themeColoursAreValid(theme: GraphTheme) throws {
        for color in theme.palette + [theme.thresholdColor] + TimelineEvent.Kind.allCases.map(theme.color(for:)) {
            #expect(try GraphColor(color.hex) == color)
        }
        for (_, color) in theme.elementColors { _ = try GraphColor(color) }
    }
}
