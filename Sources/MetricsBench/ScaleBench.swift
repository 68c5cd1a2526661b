// bench/scale: N metrics (10,000) written round after round, one value each per simulated 10 s
// step, as fast as they are taken, through (a) the daemon's writer and RRDCachedBackend into
// rrdcached, (b) the bare BATCH client (bench/scale-batch-client.c) into the same rrdcached, and
// (c) the writer and LocalRRDBackend into files directly. "Sustained" counts until every value
// is on disk (rrdcached drained: FLUSHALL, then DataSetsWritten caught up). Also the CPU time of
// this process per step in (a): the daemon-side cost of 10,000 metrics at a 10 s step.
import Foundation
import MetricStore
import RRD

enum ScaleBench {
    static let t0 = 1_700_000_000
    /// Small files (about 30 KB) of a realistic shape, so that 10,000 of them fit a temp dir.
    static let schema = RetentionSchema(name: "bench", pattern: try! MetricPattern("**"),
                                        tiers: [RetentionTier(resolution: 10, duration: 6 * 3_600), RetentionTier(resolution: 60, duration: 86_400),
                                                RetentionTier(resolution: 3_600, duration: 7 * 86_400)])

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--metrics", "--rounds", "--repeats", "--dir", "--socket", "--client"])
        let metrics = options.int("--metrics", 10_000), rounds = options.int("--rounds", 30), repeats = options.int("--repeats", 5)
        let directory = options.string("--dir", "")
        let address = try RRDCachedAddress(parsing: options.string("--socket", ""))
        let names = (0..<metrics).map { try! MetricName("bench.group\($0 / 100).metric\($0)") }
        print("scale: \(metrics) metrics x \(rounds) steps of 10 s (simulated, as fast as taken), \(repeats) repeats, rrdcached at \(address)")
        var singles: [Double] = [], ours: [Double] = [], oursAccepted: [Double] = [], bare: [Double] = [], bareAccepted: [Double] = [], direct: [Double] = [], cpu: [Double] = []
        for index in 1...repeats {
            let run = directory + "/run\(index)"
            // Alternate which goes first, so that neither always meets the other's leftovers.
            var bareRate = 0.0, bareAccept = 0.0, rate = 0.0, accepted = 0.0, cpuPerStep = 0.0
            for turn in index % 2 == 0 ? [0, 1] : [1, 0] {
                if turn == 0 {
                    (bareRate, bareAccept) = try bareClient(options.string("--client", ""), address, run + "/bare", metrics, rounds)
                } else {
                    (rate, accepted, cpuPerStep) = try await throughRRDCached(names, rounds, address, run + "/ours")
                }
            }
            let directRate = try await directFiles(names, rounds, run + "/direct")
            let single = try bareClient(options.string("--client", ""), address, run + "/single", metrics, rounds, single: true).1
            try? FileManager.default.removeItem(atPath: run)
            ours.append(rate); oursAccepted.append(accepted); bare.append(bareRate); bareAccepted.append(bareAccept)
            direct.append(directRate); cpu.append(cpuPerStep); singles.append(single)
            print(String(format: "repeat %d: through rrdcached %.0f/s (accepted %.0f/s), bare BATCH %.0f/s (accepted %.0f/s), direct files %.0f/s, writer CPU %.1f ms/step, bare UPDATE one by one accepted %.0f/s",
                         index, rate, accepted, bareRate, bareAccept, directRate, cpuPerStep * 1_000, single))
        }
        let cpuStep = Measure.median(cpu)
        print(String(format: "through rrdcached (median): %.0f updates/s sustained, %.0f/s accepted", Measure.median(ours), Measure.median(oursAccepted)))
        print(String(format: "bare BATCH client (median): %.0f updates/s sustained, %.0f/s accepted", Measure.median(bare), Measure.median(bareAccepted)))
        print(String(format: "bare UPDATE one round trip per file (median): %.0f/s accepted", Measure.median(singles)))
        print(String(format: "direct files (median): %.0f updates/s", Measure.median(direct)))
        print(String(format: "writer CPU per step, %d metrics (median): %.1f ms = %.2f%% of one core at a 10 s step", metrics, cpuStep * 1_000, cpuStep / 10 * 100))
        print(String(format: "accepted ratio: %.3f", Measure.median(oursAccepted) / Measure.median(bareAccepted)))
        print(String(format: "ratio: %.3f", Measure.median(ours) / Measure.median(bare)))
    }

    static func limits(_ count: Int) -> StorageLimits { StorageLimits(maxMetrics: count * 2, minFreeBytes: 0, maxFutureSkew: 1_000_000_000) }

    /// Step 0 creates the files (not timed). Returns sustained and accepted rates and CPU s/step.
    static func throughRRDCached(_ names: [MetricName], _ rounds: Int, _ address: RRDCachedAddress, _ directory: String) async throws -> (Double, Double, Double) {
        let backend = try RRDCachedBackend(dataDirectory: directory, settings: RRDCachedSettings(address: address, maxQueuedPoints: 100_000_000),
                                           policy: RetentionPolicy([schema]), limits: limits(names.count))
        let writer = MetricWriter(backend: backend, limits: limits(names.count), now: { t0 })
        await step(writer, names, 0)
        let before = try await backend.client.stats()["DataSetsWritten"] ?? 0
        let cpuStarted = Measure.processCPU(), started = ContinuousClock.now
        for index in 1...rounds { await step(writer, names, index) }
        let accepted = Measure.seconds(ContinuousClock.now - started), cpu = Measure.processCPU() - cpuStarted
        let stats = await writer.currentStatistics()
        precondition(stats.written == names.count * (rounds + 1) && stats.storeQueuedPoints == 0, "lost values: \(stats)")
        try await backend.client.flushAll()
        while (try await backend.client.stats()["DataSetsWritten"] ?? 0) < before + names.count * (rounds + 1) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let sustained = Measure.seconds(ContinuousClock.now - started)
        let total = Double(names.count * rounds)
        return (total / sustained, total / accepted, cpu / Double(rounds))
    }

    static func directFiles(_ names: [MetricName], _ rounds: Int, _ directory: String) async throws -> Double {
        let backend = try LocalRRDBackend(dataDirectory: directory, policy: RetentionPolicy([schema]), limits: limits(names.count))
        let writer = MetricWriter(backend: backend, limits: limits(names.count), now: { t0 })
        await step(writer, names, 0)
        let started = ContinuousClock.now
        for index in 1...rounds { await step(writer, names, index) }
        let elapsed = Measure.seconds(ContinuousClock.now - started)
        let written = await writer.currentStatistics().written
        precondition(written == names.count * (rounds + 1), "direct files lost values")
        return Double(names.count * rounds) / elapsed
    }

    static func step(_ writer: MetricWriter, _ names: [MetricName], _ index: Int) async {
        let time = t0 + 10 + index * schema.step
        await writer.submit(names.map { Sample(name: $0, time: time, value: Double(index)) })
        await writer.flush()
    }

    /// The C client on the same rrdcached, same layout (its untimed CREATEs are step 0).
    static func bareClient(_ client: String, _ address: RRDCachedAddress, _ directory: String, _ metrics: Int, _ rounds: Int,
                           single: Bool = false) throws -> (Double, Double) {
        guard case .unix(let socket) = address.endpoint else { fatalError("the bare client speaks to a unix socket") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let layout = schema.layout(for: .gauge)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: client)
        process.arguments = [socket, directory, String(metrics), String(rounds), String(t0), String(layout.step)] + layoutArguments(layout)
        if single { process.environment = ["SCALE_SINGLE": "1"] }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "bare client failed: \(output)")
        var values: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { values[String(parts[0])] = Double(parts[1]) }
        }
        return (values["sustained_per_s"] ?? .nan, values["accepted_per_s"] ?? .nan)
    }

    static func layoutArguments(_ layout: RRDLayout) -> [String] {
        layout.sources.map { "DS:\($0.name):\($0.type.rawValue):\($0.heartbeat):U:U" }
            + layout.archives.map { "RRA:\($0.consolidation.rawValue):\($0.xff):\($0.stepsPerRow):\($0.rows)" }
    }
}
