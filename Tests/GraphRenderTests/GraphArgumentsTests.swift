import Foundation
import MetricStore
import Testing
@testable import GraphRender

@Suite struct GraphArgumentsTests {
    let fixture = MetricFixture()
    let t0 = MetricFixture.t0

    @Test func oneSeriesGivesExactlyTheseArguments() async throws {
        let metric = try await fixture.write("host.load.1", values: [1, 2, 3])
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 3_600, title: "Load", width: 400, height: 100)
        let path = fixture.path + "/host/load/1.rrd"
        #expect(try GraphArguments.make(spec, dataDirectory: fixture.path) == [
            "-", "--imgformat", "PNG", "--start", "1699920000", "--end", "1699923600", "--width", "400", "--height", "100",
            "--x-grid", "MINUTE:5:MINUTE:20:MINUTE:20:0:%H:%M", "--title", "Load", "--disable-rrdtool-tag", "--slope-mode", "--right-axis", "1:0",
            "--color", "BACK#FFFFFF", "--color", "CANVAS#FFFFFF", "--color", "SHADEA#FFFFFF", "--color", "SHADEB#FFFFFF",
            "--color", "GRID#D0D7DE80", "--color", "MGRID#AFB8C1C0", "--color", "FONT#1F2328", "--color", "AXIS#57606A",
            "--color", "ARROW#57606A", "--color", "FRAME#57606A",
            "--font", "DEFAULT:9:DejaVu Sans", "--font", "TITLE:11:DejaVu Sans", "--font", "AXIS:8:DejaVu Sans",
            "--font", "UNIT:8:DejaVu Sans", "--font", "LEGEND:8:DejaVu Sans Mono", "--font", "WATERMARK:6:DejaVu Sans",
            "DEF:s0=\(path):value:AVERAGE",
            "LINE2:s0#1F77B4:host.load.1",
            "VDEF:s0last=s0,LAST", "VDEF:s0avg=s0,AVERAGE", "VDEF:s0max=s0,MAXIMUM",
            "GPRINT:s0last: last %7.2lf%s", "GPRINT:s0avg: avg %7.2lf%s", "GPRINT:s0max: max %7.2lf%s", #"COMMENT:\l"#,
        ])
    }

    @Test func axisUnitsAndSizeOptions() async throws {
        let metric = try await fixture.write("host.mem.used", values: [1])
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 600, verticalLabel: "bytes",
                             base: .binary, yAxis: .init(lowerLimit: 0.5, upperLimit: 1e20, rigid: true, logarithmic: true),
                             fullSize: true, legend: false)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        for expected in [["--full-size-mode"], ["--vertical-label", "bytes"], ["--base", "1024"], ["--lower-limit", "0.5"],
                         ["--upper-limit", "1e+20"], ["--rigid"], ["--logarithmic", "--units=si"], ["--no-legend"]] {
            #expect(arguments.containsRun(expected), "\(expected)")
        }
        #expect(!arguments.contains("--right-axis"), "rrd_graph labels a logarithmic right axis wrongly")
        // Without a legend there is nothing to print the numbers into.
        #expect(!arguments.contains { $0.hasPrefix("GPRINT") })
        #expect(arguments.contains("LINE2:s0#1F77B4:"))
    }

    @Test func bandAndLastWeekComeBeforeTheSeriesAndShiftByAWeek() async throws {
        let metric = try await fixture.write("app.latency", values: [1])
        let spec = GraphSpec(series: [GraphSeries(metric: metric, band: true, lastWeek: true)], start: t0, end: t0 + 3_600, theme: .dark)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        let path = fixture.path + "/app/latency.rrd"
        let elements = arguments.drop { !$0.hasPrefix("DEF:") }
        #expect(Array(elements.prefix(12)) == [
            "DEF:s0=\(path):value:AVERAGE",
            "DEF:s0lo=\(path):value:MIN", "DEF:s0hi=\(path):value:MAX", "CDEF:s0span=s0hi,s0lo,-",
            "DEF:s0week=\(path):value:AVERAGE:start=\(t0 - 604_800):end=\(t0 + 3_600 - 604_800)", "SHIFT:s0week:604800",
            "LINE:s0lo", "AREA:s0span#4FC3F740::STACK",
            "LINE1.5:s0week#4FC3F7A0::dashes=6,4",
            "LINE2:s0#4FC3F7:app.latency",
            "VDEF:s0last=s0,LAST", "VDEF:s0avg=s0,AVERAGE",
        ])
        #expect(arguments.last == #"COMMENT:dashed\: one week earlier   shaded\: min to max\l"#)
    }

    @Test func bandReadsTheArchiveItIsGiven() async throws {
        let metric = try await fixture.write("app.latency", values: [1])
        let spec = GraphSpec(series: [GraphSeries(metric: metric, consolidation: .max, band: true)], start: t0, end: t0 + 3_600)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path, bandResolutions: [metric: 60])
        let path = fixture.path + "/app/latency.rrd"
        #expect(arguments.containsRun(["DEF:s0=\(path):value:MAX", "DEF:s0lo=\(path):value:MIN:step=60", "DEF:s0hi=\(path):value:MAX:step=60"]))
    }

    @Test func stackedAreasStackOnThePreviousSeriesOnly() async throws {
        let first = try await fixture.write("biz.signups.web", values: [1])
        let second = try await fixture.write("biz.signups.app", values: [1])
        let spec = GraphSpec(series: [GraphSeries(metric: first, style: .area, stack: true, color: try GraphColor("#112233")),
                                      GraphSeries(metric: second, style: .area, stack: true, legend: "app")],
                             start: t0, end: t0 + 600)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        #expect(arguments.containsRun(["--lower-limit", "0"]))
        // Legends are padded to the longest one so that the numbers line up in the monospaced legend.
        #expect(arguments.contains("AREA:s0#112233:biz.signups.web"))
        #expect(arguments.contains("AREA:s1#FF7F0E:app            :STACK"))
    }

    @Test func thresholdsAreDashedRulesWithEscapedLabels() async throws {
        let metric = try await fixture.write("host.disk.used", values: [1])
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 600,
                             thresholds: [GraphThreshold(value: 90, label: "full: 90%"), GraphThreshold(value: -0.25, color: try GraphColor("#00ff0080"))])
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        #expect(arguments.suffix(2) == [#"HRULE:90#D50000:full\: 90%\l:dashes=8,4"#, "HRULE:-0.25#00FF0080::dashes=8,4"])
    }

    @Test func missingFileIsATypedErrorNamingTheMetric() throws {
        let metric = try MetricName("app.nothing.here")
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 600)
        let error = GraphError.missingMetric(metric, path: fixture.path + "/app/nothing/here.rrd")
        #expect(throws: error) { try GraphArguments.make(spec, dataDirectory: fixture.path) }
        #expect(error.description.contains("'app.nothing.here'") && error.description.contains("metrics list"))
    }

    @Test func aSymlinkInTheDataDirectoryIsNotAMetricFile() throws {
        try FileManager.default.createDirectory(atPath: fixture.path + "/app", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/app/passwd.rrd", withDestinationPath: "/etc/passwd")
        let spec = GraphSpec(series: [GraphSeries(metric: try MetricName("app.passwd"))], start: t0, end: t0 + 600)
        #expect(throws: GraphError.missingMetric(try MetricName("app.passwd"), path: fixture.path + "/app/passwd.rrd")) {
            try GraphArguments.make(spec, dataDirectory: fixture.path)
        }
    }

    /// A colon in the data directory would start a DEF option such as `:daemon=`.
    @Test func colonInTheDataDirectoryIsEscapedAndLibrrdReadsTheFile() async throws {
        let fixture = MetricFixture(subdirectory: "data:daemon=127.0.0.1")
        let metric = try await fixture.write("host.load.1", values: [1, 2, 3])
        let spec = GraphSpec(series: [GraphSeries(metric: metric)], start: t0, end: t0 + 600)
        let arguments = try GraphArguments.make(spec, dataDirectory: fixture.path)
        let escaped = fixture.directory.path + #"/data\:daemon=127.0.0.1/host/load/1.rrd"#
        #expect(arguments.contains("DEF:s0=\(escaped):value:AVERAGE"))
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        #expect(Array(png.prefix(8)) == pngSignature)
    }

    @Test func dataDirectoryWithALineBreakIsRefused() async throws {
        let spec = GraphSpec(series: [GraphSeries(metric: try MetricName("a.b"))], start: t0, end: t0 + 600)
        #expect(throws: GraphError.badDataDirectory("path contains a control character")) {
            try GraphArguments.make(spec, dataDirectory: "/tmp/x\nDEF:y=/etc/passwd")
        }
    }
}
