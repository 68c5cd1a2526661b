// bench/scrape: one round of 100 local endpoints that each answer after 100 ms, through the
// endpoint collectors and one libcurl multi handle, against the 100 ms floor; and the CPU time to
// parse a 10,000-series Prometheus exposition against `grep -c` scanning the same text.
// The last line is `ratio: N`, the round's wall time over the floor (target at most 3).
import Collectors
import CollectorCore
import Curl
import Foundation
import Logging
import PrometheusText
#if canImport(Glibc)
import Glibc
#endif

enum ScrapeBench {
    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--endpoints", "--rounds", "--series"])
        let endpoints = options.int("--endpoints", 100)
        let rounds = options.int("--rounds", 7)
        let series = options.int("--series", 10_000)

        let port = try await SlowServer.start(delay: .milliseconds(100))
        let client = HTTPClient()
        let collectors = try (0..<endpoints).map { index in
            try EndpointCollector(endpoint: Endpoint(name: "e\(index)", kind: .check, url: "http://127.0.0.1:\(port)/e/\(index)"),
                                  client: client, logger: Logger(label: "bench"))
        }
        _ = try await round(collectors)  // warm up: connections, thread start
        var times: [Double] = []
        for _ in 0..<rounds { times.append(try await round(collectors)) }
        let roundTime = Measure.median(times)
        print(String(format: "scrape: %d endpoints answering after 100 ms, %d rounds: median round %.1f ms (min %.1f, max %.1f)",
                     endpoints, rounds, roundTime * 1e3, times.min()! * 1e3, times.max()! * 1e3))

        let figures = try parseAgainstGrep(series: series)
        print(String(format: "parse a %d-series exposition (%.1f MiB): %.2f ms CPU (median)", series,
                     Double(exposition(series: series).utf8.count) / 1_048_576, figures.parse * 1e3))
        print(String(format: "grep -c . on the same text: %.2f ms CPU per run (median of 20); its scan alone (20 copies in one run): %.2f ms",
                     figures.grepRun * 1e3, figures.grepScan * 1e3))
        print(String(format: "parse / grep run: %.1f (target under 10); parse / grep scan alone: %.1f",
                     figures.parse / figures.grepRun, figures.parse / figures.grepScan))
        client.shutdown()
        print(String(format: "ratio: %.2f", roundTime / 0.1))
    }

    /// Wall time of one round: every endpoint scraped concurrently, as the scheduler does.
    static func round(_ collectors: [EndpointCollector]) async throws -> Double {
        let started = ContinuousClock.now
        let up = try await withThrowingTaskGroup(of: Double.self) { group in
            for collector in collectors {
                group.addTask { try await collector.collect(at: 0).first { $0.name.rawValue.hasSuffix(".up") }?.value ?? 0 }
            }
            return try await group.reduce(0, +)
        }
        precondition(Int(up) == collectors.count, "only \(Int(up)) of \(collectors.count) endpoints were up")
        return Measure.seconds(ContinuousClock.now - started)
    }

    /// A realistic exposition: families of a few labels, counters, gauges and histograms.
    static func exposition(series: Int) -> String {
        var text = ""
        let methods = ["get", "post", "put", "delete"]
        var index = 0
        var family = 0
        while index < series {
            text += "# HELP app_requests_\(family)_total Requests served.\n# TYPE app_requests_\(family)_total counter\n"
            for code in [200, 201, 301, 404, 500] {
                for method in methods where index < series {
                    text += "app_requests_\(family)_total{method=\"\(method)\",code=\"\(code)\",handler=\"/api/v1/items\"} \(index * 17 + 3)\n"
                    index += 1
                }
            }
            family += 1
        }
        return text
    }

    struct ParseFigures {
        var parse: Double
        /// One `grep -c .` run on the same text, as a person would time it (start-up included).
        var grepRun: Double
        /// grep's scan alone: one run over 20 copies of the text, divided by 20.
        var grepScan: Double
    }

    /// Median CPU seconds of one parse and of grep over the same text.
    static func parseAgainstGrep(series: Int) throws -> ParseFigures {
        let text = exposition(series: series)
        let bytes = Array(text.utf8)
        let parsed = Exposition.parse(bytes)
        precondition(parsed.samples.count == series, "parsed \(parsed.samples.count) of \(series) series")
        var parseTimes: [Double] = []
        for _ in 0..<20 {
            let start = Measure.processCPU()
            _ = Exposition.parse(bytes)
            parseTimes.append(Measure.processCPU() - start)
        }
        let directory = NSTemporaryDirectory() + "metrics-bench-exposition-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try text.write(toFile: directory + "/one.prom", atomically: true, encoding: .utf8)
        try String(repeating: text, count: 20).write(toFile: directory + "/twenty.prom", atomically: true, encoding: .utf8)
        let run = try (0..<20).map { _ in try grepCPU(directory + "/one.prom") }
        let scan = try (0..<5).map { _ in try grepCPU(directory + "/twenty.prom") / 20 }
        return ParseFigures(parse: Measure.median(parseTimes), grepRun: Measure.median(run), grepScan: Measure.median(scan))
    }

    /// CPU seconds (user + system) of one `grep -c .` in the C locale.
    static func grepCPU(_ path: String) throws -> Double {
        let before = childCPU()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/grep")
        process.arguments = ["-c", ".", path]
        process.environment = ["LC_ALL": "C"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return childCPU() - before
    }

    static func childCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
