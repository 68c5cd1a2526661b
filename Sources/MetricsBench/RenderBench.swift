// bench/render: the daemon's PNG endpoint for a 1-day, 3-series graph against rrd_graph_v called
// directly with the same arguments (the library limit) and against the `rrdtool graph` command;
// the JSON series endpoint against `rrdtool xport --json`; a 12-panel wall dashboard, cold (every
// panel rendered) and cached (a second screen asking within the same step). Medians of --runs.
// The last line is `ratio: N`, the PNG endpoint over the direct library call (target <= 1.2).
import CRRD  // the baseline is the bare rrd_graph_v call
import Curl
import Foundation
import GraphRender
import MetricStore
import RRD

enum RenderBench {
    static let step = 10

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--runs", "--dir"])
        let runs = options.int("--runs", 15)
        let root = options.string("--dir", NSTemporaryDirectory() + "metrics-render-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let end = (Int(Date().timeIntervalSince1970) / 3_600 - 1) * 3_600
        let metrics = try await RenderFixture.write(root: root, end: end, step: step)
        let server = try await RenderServer.start(dataDirectory: root + "/data", dashboards: root + "/dashboards", step: step)
        let client = HTTPClient()
        defer { client.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"
        let query = metrics.map { "metric=\($0)" }.joined(separator: "&")
        print("3 series of one day at 10 s (8,640 points each), 800x300 PNG; \(runs) runs each, medians; one client, sequential")

        // The endpoint: a fresh `until` each run, so every request is rendered (no cache hit).
        var endpoint: [Double] = []
        for run in 0...runs {
            let url = "\(base)/render?\(query)&from=\(end - 86_400 + run)&until=\(end + run)&width=800&height=300"
            let time = try await timed { try await get(client, url, expect: "image/png") }
            if run > 0 { endpoint.append(time) }  // the first run warms fonts and connections
        }
        // The same graph as rrd_graph_v arguments, called directly on this thread.
        let names = try metrics.map { try MetricName($0) }
        var direct: [Double] = []
        var command: [Double] = []
        for run in 0...runs {
            let spec = GraphSpec(series: names.map { GraphSeries(metric: $0) }, start: end - 86_400 + run, end: end + run,
                                 title: metrics.joined(separator: " "), width: 800, height: 300, fullSize: true)
            let arguments = try GraphArguments.make(spec, dataDirectory: root + "/data")
            let time = try clock { try graphDirect(arguments) }
            if run > 0 { direct.append(time) }
            if run > 0, run <= 7 { command.append(try clock { try rrdtool(["graph"] + arguments) }) }
        }
        let png = Measure.median(endpoint), library = Measure.median(direct), tool = Measure.median(command)
        print(String(format: "PNG endpoint /render:        %7.2f ms", png * 1e3))
        print(String(format: "rrd_graph_v direct:          %7.2f ms", library * 1e3))
        print(String(format: "rrdtool graph command:       %7.2f ms (median of %d)", tool * 1e3, command.count))

        var json: [Double] = []
        for _ in 0...runs {
            json.append(try await timed { try await get(client, "\(base)/api/v1/series?\(query)&from=\(end - 86_400)&until=\(end)&maxPoints=600",
                                                         expect: "application/json") })
        }
        json.removeFirst()
        var xport: [Double] = []
        let exportArguments = ["xport", "--json", "--start", String(end - 86_400), "--end", String(end), "--maxrows", "600"]
            + metrics.enumerated().flatMap { index, name in
                ["DEF:s\(index)=\(root)/data/\(try! MetricName(name).relativePath):value:AVERAGE", "XPORT:s\(index):\(name)"]
            }
        for _ in 0..<7 { xport.append(try clock { try rrdtool(exportArguments) }) }
        let jsonTime = Measure.median(json), xportTime = Measure.median(xport)
        print(String(format: "JSON endpoint /api/v1/series: %6.2f ms", jsonTime * 1e3))
        print(String(format: "rrdtool xport --json command: %6.2f ms (median of 7)", xportTime * 1e3))

        let wall = try await wallDashboard(client, base: base, runs: min(runs, 7))
        print(String(format: "12-panel wall dashboard, cold (12 renders, 6 requests at a time): %7.2f ms", wall.cold * 1e3))
        print(String(format: "12-panel wall dashboard, cached (a second screen, same step):     %7.2f ms", wall.cached * 1e3))
        print(String(format: "renders done by the server: %d", await server.endpoints.renderCount()))
        print(String(format: "PNG endpoint / rrdtool graph: %.2f; JSON endpoint / rrdtool xport: %.2f (target <= 0.5)", png / tool, jsonTime / xportTime))
        print(String(format: "ratio: %.2f", png / library))
    }

    /// All 12 panels of the wall dashboard as a browser fetches them, six at a time; a fresh
    /// `until` for the cold load, the same URLs again for the cached one.
    static func wallDashboard(_ client: HTTPClient, base: String, runs: Int) async throws -> (cold: Double, cached: Double) {
        var cold: [Double] = [], cached: [Double] = []
        let end = Int(Date().timeIntervalSince1970) / 3_600 * 3_600
        for run in 0...runs {
            let urls = (1...12).map { "\(base)/dashboards/wall/panels/p\($0).png?from=\(end - 86_400 + run)&until=\(end + run)&width=600&height=250&theme=dark" }
            let first = try await timed { try await fetchAll(client, urls) }
            let second = try await timed { try await fetchAll(client, urls) }
            if run > 0 {
                cold.append(first)
                cached.append(second)
            }
        }
        return (Measure.median(cold), Measure.median(cached))
    }

    static func fetchAll(_ client: HTTPClient, _ urls: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, url) in urls.enumerated() {
                if index >= 6 { try await group.next() }
                group.addTask { try await get(client, url, expect: "image/png") }
            }
            try await group.waitForAll()
        }
    }

    static func get(_ client: HTTPClient, _ url: String, expect type: String) async throws {
        let response = try await client.perform(HTTPRequest(url: url, totalTimeout: .seconds(60)))
        guard response.status == 200, response.header("Content-Type") == type else {
            throw BenchFailure("\(url): \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        }
    }

    /// rrd_graph_v with the arguments, on the calling thread; nothing else calls librrd meanwhile.
    static func graphDirect(_ arguments: [String]) throws {
        var argv: [UnsafeMutablePointer<CChar>?] = (["graphv"] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        rrd_clear_error()
        guard let info = rrd_graph_v(Int32(argv.count), &argv) else { throw BenchFailure("rrd_graph_v: \(String(cString: rrd_get_error()))") }
        rrd_info_free(info)
    }

    static func rrdtool(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/rrdtool")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("rrdtool \(arguments.first ?? "") failed") }
    }

    static func clock(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return Measure.seconds(ContinuousClock.now - start)
    }

    static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return Measure.seconds(ContinuousClock.now - start)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
