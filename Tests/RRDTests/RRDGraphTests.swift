import Foundation
import Testing
import TestSupport
@testable import RRD

@Suite struct RRDGraphTests {
    let t0 = 1_700_000_000
    let engine = RRDEngine.shared
    let directory = TemporaryDirectory()

    func makeFile() async throws -> String {
        let path = directory.file("graph.rrd")
        let layout = RRDLayout(step: 10, sources: [DataSource(type: .gauge, heartbeat: 20)],
                               archives: [Archive(.average, stepsPerRow: 1, rows: 500)])
        try await engine.create(path, layout: layout, start: t0)
        // A gap between 1000 and 1500 s leaves unknown rows.
        let points = (1...300).filter { !(100..<150).contains($0) }.map {
            RRDPoint(time: t0 + $0 * 10, value: sin(Double($0) / 20) * 50 + 50)
        }
        try await engine.update(path, points)
        return path
    }

    func pngArguments(_ path: String, title: String) -> [String] {
        ["-", "--imgformat", "PNG", "--start", String(t0), "--end", String(t0 + 3_000),
         "--width", "400", "--height", "150", "--title", title,
         "DEF:v=\(path):value:AVERAGE", "LINE2:v#3366cc:value"]
    }

    /// Width and height from the PNG's IHDR chunk.
    func pngSize(_ bytes: [UInt8]) -> (Int, Int) {
        func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func rendersPNGInMemoryAtRequestedSize() async throws {
        let path = try await makeFile()
        let output = try await engine.graph(pngArguments(path, title: "load"))
        #expect(Array(output.image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let (width, height) = pngSize(output.image)
        #expect(output.info.number("image_width") == Double(width))
        #expect(output.info.number("image_height") == Double(height))
        #expect(output.info.number("graph_width") == 400)
        #expect(output.info.number("graph_height") == 150)
        #expect(width > 400 && height > 150)
        // Keep the image for a person to look at when asked.
        if let folder = ProcessInfo.processInfo.environment["METRICS_TEST_ARTIFACTS"] {
            try Data(output.image).write(to: URL(fileURLWithPath: folder + "/rrd-graph.png"))
        }
    }

    /// Without a font every glyph is the same box, so two different titles render identically.
    @Test func textRendersWithARealFont() async throws {
        let path = try await makeFile()
        let first = try await engine.graph(pngArguments(path, title: "AAAAAAAA"))
        let second = try await engine.graph(pngArguments(path, title: "WWWWWWWW"))
        #expect(first.image != second.image, "titles render the same: is fonts-dejavu-core installed?")
    }

    @Test func fiftyConcurrentGraphsAreIdentical() async throws {
        let path = try await makeFile()
        let arguments = pngArguments(path, title: "concurrent")
        let images = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<50 { group.addTask { try await engine.graph(arguments).image } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(images.count == 50)
        #expect(Set(images).count == 1)
    }

    @Test func exportsJSONWithUnknownAsNull() async throws {
        let path = try await makeFile()
        let output = try await engine.graph(["-", "--imgformat", "JSON", "--start", String(t0), "--end", String(t0 + 3_000),
                                             "--step", "10", "DEF:v=\(path):value:AVERAGE", "XPORT:v:value"])
        let text = String(decoding: output.image, as: UTF8.self)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.image)) as? [String: Any], "not JSON: \(text.prefix(200))")
        let data = try #require(json["data"] as? [[Any]])
        #expect(data.count >= 290)
        let nulls = data.filter { $0.first is NSNull }.count
        #expect(nulls >= 45, "the gap must be null, found \(nulls) nulls")
        #expect(data.contains { $0.first is NSNumber })
    }

    @Test func badGraphArgumentsAreAnErrorNotACrash() async throws {
        await #expect(throws: RRDError.self) {
            try await engine.graph(["-", "DEF:v=/nonexistent/x.rrd:value:AVERAGE", "LINE1:v#ff0000"])
        }
    }
}
