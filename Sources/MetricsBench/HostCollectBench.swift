// bench/host-collect: the CPU cost of host collection.
//  1. CPU time per full cycle of every host collector (read, parse, build samples), against the
//     CPU time of only reading the same /proc files into memory, measured alternately in one run;
//  2. CPU time per stored value, collection plus the RRD write;
//  3. the real daemon's share of one core at a 1 s step, from /proc/PID/stat.
// The last line is `ratio: N`: collection over bare reads (target: at most 3).
import CollectorCore
import Collectors
import Foundation
import Logging
import MetricStore
import MetricsConfig
import MetricsDaemon
#if canImport(Glibc)
import Glibc
#endif

enum HostCollectBench {
    /// Every /proc file one cycle of the host collectors reads (/proc/stat twice: cpu and system).
    static let files = ["stat", "meminfo", "loadavg", "stat", "uptime", "net/dev", "diskstats", "self/mounts",
                        "vmstat", "pressure/cpu", "pressure/memory", "pressure/io", "net/snmp", "net/sockstat"]

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--cycles", "--repeats", "--daemon", "--duration"])
        let cycles = options.int("--cycles", 200)
        let repeats = options.int("--repeats", 7)
        let logger = Logger(label: "bench")
        let collectors = CollectorSet.host(CollectorSettings(), logger: logger)
        let valuesPerCycle = try await collectCycle(collectors, at: 0).count
        print("host-collect: \(collectors.count) collectors, \(valuesPerCycle) values per cycle, \(files.count) /proc reads per cycle, \(repeats) x \(cycles) cycles")

        var bare: [Double] = []
        var collection: [Double] = []
        for _ in 0..<repeats {
            bare.append(cpuPerCycle(cycles) { readFilesBare() })
            collection.append(try await cpuPerCycleAsync(cycles) { _ = try await collectCycle(collectors, at: 0) })
        }
        let bareMedian = Measure.median(bare)
        let collectionMedian = Measure.median(collection)
        print(String(format: "bare reads of the same /proc files: %.1f µs CPU per cycle (median)", bareMedian * 1e6))
        print(String(format: "collection (read, parse, samples): %.1f µs CPU per cycle (median), %.2f µs per value", collectionMedian * 1e6, collectionMedian * 1e6 / Double(valuesPerCycle)))

        let perValue = try await cpuPerStoredValue(collectors, cycles: max(cycles / 4, 20), repeats: repeats)
        print(String(format: "collection + RRD write: %.1f µs CPU per stored value (median; target at most 40)", perValue * 1e6))

        if let daemon = options.string("--daemon", "").nilIfEmpty {
            let duration = options.int("--duration", 120)
            let share = try await daemonShare(daemon, seconds: duration)
            print(String(format: "metrics serve at a 1 s step for %d s: %.2f%% of one core, %.0f µs CPU per step", duration, share * 100, share * 1e6))
        }
        print(String(format: "ratio: %.2f", collectionMedian / bareMedian))
    }

    static func collectCycle(_ collectors: [any Collector], at time: Int) async throws -> [Sample] {
        var samples: [Sample] = []
        for collector in collectors { samples += try await collector.collect(at: time) }
        return samples
    }

    /// Reads each file into one reused buffer with open/read/close: the floor any collector pays.
    static func readFilesBare() {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        for file in files {
            let fd = open("/proc/" + file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            while read(fd, buffer, 1 << 16) > 0 {}
            close(fd)
        }
    }

    static func cpuPerCycle(_ cycles: Int, _ body: () -> Void) -> Double {
        let start = Measure.processCPU()
        for _ in 0..<cycles { body() }
        return (Measure.processCPU() - start) / Double(cycles)
    }

    static func cpuPerCycleAsync(_ cycles: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let start = Measure.processCPU()
        for _ in 0..<cycles { try await body() }
        return (Measure.processCPU() - start) / Double(cycles)
    }

    /// Collection, submit and flush to real RRD files (default retention), per value written.
    static func cpuPerStoredValue(_ collectors: [any Collector], cycles: Int, repeats: Int) async throws -> Double {
        let directory = NSTemporaryDirectory() + "metrics-bench-host-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let limits = StorageLimits(minFreeBytes: 0)
        let backend = try LocalRRDBackend(dataDirectory: directory, limits: limits)
        let t0 = 1_700_000_000
        var clock = t0
        let writer = MetricWriter(backend: backend, limits: limits, now: { Int(Date().timeIntervalSince1970) + 1_000_000_000 })
        func cycle() async throws {
            clock += 10
            await writer.submit(try await collectCycle(collectors, at: clock))
            await writer.flush()
        }
        try await cycle()  // creates the files: not timed
        var results: [Double] = []
        for _ in 0..<repeats {
            let written = await writer.currentStatistics().written
            let start = Measure.processCPU()
            for _ in 0..<cycles { try await cycle() }
            let cpu = Measure.processCPU() - start
            let count = await writer.currentStatistics().written - written
            results.append(cpu / Double(max(count, 1)))
        }
        return Measure.median(results)
    }

    /// Runs the real daemon at a 1 s step and reads its CPU ticks from /proc/PID/stat.
    static func daemonShare(_ binary: String, seconds: Int) async throws -> Double {
        let directory = NSTemporaryDirectory() + "metrics-bench-daemon-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/metrics.yaml"
        try "step: 1s\nhttp:\n  listen: 127.0.0.1:0\nlog:\n  level: warning\n".write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--config", config, "--data-dir", directory + "/data"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        try await Task.sleep(for: .seconds(5))  // files created, caches warm
        let before = cpuTicks(process.processIdentifier)
        let started = ContinuousClock.now
        try await Task.sleep(for: .seconds(seconds))
        let elapsed = Measure.seconds(ContinuousClock.now - started)
        let used = Double(cpuTicks(process.processIdentifier) - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
        return used / elapsed
    }

    /// utime + stime of a process, from /proc/PID/stat (fields after the last ')').
    static func cpuTicks(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command: state(0) ppid(1) ... utime(11) stime(12).
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
