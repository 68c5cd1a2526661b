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

        let (parse, grep) = try parseAgainstGrep(series: series)
        print(String(format: "parse a %d-series exposition: %.2f ms CPU (median); grep -c scanning the same text: %.2f ms CPU; parse/grep %.1f (target under 10)",
                     series, parse * 1e3, grep * 1e3, parse / grep))
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

    /// Median CPU seconds of one parse, and of grep -c over the same text (scanned as 20 copies in
    /// one file so that grep's start-up does not count).
    static func parseAgainstGrep(series: Int) throws -> (Double, Double) {
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
        let copies = 20
        let path = NSTemporaryDirectory() + "metrics-bench-exposition-\(getpid()).prom"
        try String(repeating: text, count: copies).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var grepTimes: [Double] = []
        for _ in 0..<5 {
            let before = childCPU()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["LC_ALL=C", "grep", "-c", ".", path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            grepTimes.append((childCPU() - before) / Double(copies))
        }
        return (Measure.median(parseTimes), Measure.median(grepTimes))
    }

    static func childCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
