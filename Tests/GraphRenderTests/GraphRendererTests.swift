import Foundation
import MetricStore
import Testing
@testable import GraphRender

@Suite struct GraphRendererTests {
    let fixture = MetricFixture()
    let end = MetricFixture.waveEnd()

    /// Everything at once: two series (one with band and last-week overlay), a stacked pair,
    /// thresholds, a deploy, a rollback region and an incident.
    func fullSpec(_ theme: GraphTheme, width: Int = 800, height: Int = 260) async throws -> (GraphSpec, [TimelineEvent]) {
        let latency = try await fixture.writeWave("app.web.latency")
        let other = try await fixture.writeWave("app.api.latency", scale: 0.5)
        let start = end - 6 * 3_600
        let spec = GraphSpec(
            series: [GraphSeries(metric: latency, legend: "web p50", band: true, lastWeek: true),
                     GraphSeries(metric: other, style: .line(width: 3), legend: "api p50")],
            start: start, end: end, title: "Request latency (last 6 hours)", verticalLabel: "ms", unit: "ms",
            thresholds: [GraphThreshold(value: 60, label: "SLO 60 ms")],
            width: width, height: height, theme: theme)
        let events = [TimelineEvent(start: start + 3_600, kind: .deploy, label: "web v2.3.0"),
                      TimelineEvent(start: start + 7_200, end: start + 9_000, kind: .rollback, label: "api v1.9 -> v1.8"),
                      TimelineEvent(start: start + 16_000, kind: .incident, label: "db failover")]
        return (spec, events)
    }

    @Test(arguments: GraphTheme.allCases)
    func rendersAPNGWithEveryElement(theme: GraphTheme) async throws {
        let (spec, events) = try await fullSpec(theme)
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path, events: events)
        #expect(Array(png.prefix(8)) == pngSignature)
        let size = pngSize(png)
        #expect(size.width > 800 && size.width < 1_100, "axes and margins around an 800 px canvas: \(size)")
        #expect(size.height > 260 + 80, "a title and four legend lines below the canvas: \(size)")
        keepArtifact(png, "graph-\(theme).png")
        keepArtifact(Array(try GraphArguments.make(spec, dataDirectory: fixture.path, events: events).joined(separator: "\n").utf8), "graph-\(theme).argv")
    }

    @Test func fullSizeModeMakesTheImageExactlyTheRequestedSize() async throws {
        var (spec, events) = try await fullSpec(.dark, width: 960, height: 540)
        spec.fullSize = true
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path, events: events)
        #expect(pngSize(png) == (960, 540))
        keepArtifact(png, "graph-dark-fullsize.png")
    }

    @Test(arguments: GraphTheme.allCases)
    func logarithmicBinaryAxisRenders(theme: GraphTheme) async throws {
        let metric = try await fixture.writeWave("host.net.bytes", scale: 1e6)
        let spec = GraphSpec(series: [GraphSeries(metric: metric, style: .area)], start: end - 86_400, end: end,
                             title: "Bytes per second", unit: "B/s", base: .binary,
                             yAxis: .init(lowerLimit: 1e6, logarithmic: true), width: 500, height: 150, theme: theme)
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        #expect(Array(png.prefix(8)) == pngSignature)
        keepArtifact(png, "graph-\(theme)-log.png")
    }

    @Test func stackedAreasRender() async throws {
        let web = try await fixture.writeWave("biz.signups.web")
        let app = try await fixture.writeWave("biz.signups.app", scale: 0.4)
        let spec = GraphSpec(series: [GraphSeries(metric: web, style: .area, legend: "web"),
                                      GraphSeries(metric: app, style: .area, stack: true, legend: "app")],
                             start: end - 2 * 86_400, end: end, title: "Signups per minute", theme: .dark)
        let png = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        #expect(Array(png.prefix(8)) == pngSignature)
        keepArtifact(png, "graph-dark-stacked.png")
    }

    func legendImage(_ legend: String, _ metric: MetricName) async throws -> [UInt8] {
        let spec = GraphSpec(series: [GraphSeries(metric: metric, legend: legend)], start: end - 3_600, end: end)
        return try await GraphRenderer.png(spec, dataDirectory: fixture.path)
    }

    /// Without a font every glyph is the same box; the monospaced legend font must exist too.
    @Test func legendTextRendersWithARealFont() async throws {
        let metric = try await fixture.writeWave("host.load.1", days: 1)
        #expect(try await legendImage("AAAA", metric) != legendImage("WWWW", metric), "is fonts-dejavu-core installed?")
    }

    /// librrd 1.7.2 shows '%' in a legend as it is: doubling it would show "%%". Were '%' a format
    /// character there, "50%%" would print as "50%" and the images would be equal.
    @Test func percentIsLiteralInLegends() async throws {
        let metric = try await fixture.writeWave("host.load.1", days: 1)
        #expect(try await legendImage("50%", metric) != legendImage("50%%", metric))
        #expect(try await legendImage("%n%n%s%s%x", metric).prefix(8) == pngSignature[...])
    }

    @Test func librrdRefusalIsATypedError() async throws {
        try FileManager.default.createDirectory(atPath: fixture.path + "/host", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: fixture.path + "/host/garbage.rrd", contents: Data("not an rrd".utf8))
        let spec = GraphSpec(series: [GraphSeries(metric: try MetricName("host.garbage"))], start: end - 600, end: end)
        await #expect {
            _ = try await GraphRenderer.png(spec, dataDirectory: fixture.path)
        } throws: { error in
            guard case .librrd(let message) = error as? GraphError else { return false }
            return message.contains("header")
        }
    }
}
