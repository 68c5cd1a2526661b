// bench/rrd-write: writes R rounds of one value for each of N metrics through the storage layer
// (MetricWriter and LocalRRDBackend: submit, then flush, as one collection step does), and the
// same rounds through a bare loop of one rrd_update_r call per file per round, on files of the
// same layout and tree. The two alternate several times; the medians are printed, and last
// `ratio: N` (storage over bare).
import CRRD  // the baseline is the bare librrd call
import Foundation
import MetricStore
import RRD

enum RRDWriteBench {
    static let t0 = 1_700_000_000
    static let schema = RetentionSchema.standard

    struct Setup {
        var names: [MetricName]
        var rounds: Int
        var limits: StorageLimits
    }

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--metrics", "--rounds", "--repeats", "--dir"])
        let metrics = options.int("--metrics", 1_000)
        let repeats = options.int("--repeats", 7)
        let directory = options.string("--dir", NSTemporaryDirectory() + "metrics-bench-\(getpid())")
        let setup = Setup(names: (0..<metrics).map { try! MetricName("bench.group\($0 / 100).metric\($0)") },
                          rounds: options.int("--rounds", 20),
                          limits: StorageLimits(maxMetrics: metrics * 2, minFreeBytes: 0))
        var storageRates: [Double] = []
        var bareRates: [Double] = []
        print("rrd-write: \(metrics) metrics x \(setup.rounds) rounds, \(repeats) repeats, layout \(schema.tiers.map(\.description).joined(separator: ",")) (\(ByteSizeText.format(schema.bytesPerMetric))/file), in \(directory)")
        for index in 0..<repeats {
            let storageDirectory = directory + "/store-\(index)"
            let bareDirectory = directory + "/bare-\(index)"
            // Alternate which runs first so that neither always gets the warmer cache.
            if index % 2 == 0 {
                bareRates.append(try bareLoop(setup, bareDirectory))
                storageRates.append(try await storageLayer(setup, storageDirectory))
            } else {
                storageRates.append(try await storageLayer(setup, storageDirectory))
                bareRates.append(try bareLoop(setup, bareDirectory))
            }
            try? FileManager.default.removeItem(atPath: storageDirectory)
            try? FileManager.default.removeItem(atPath: bareDirectory)
            print(String(format: "repeat %d: storage layer %.0f updates/s, bare rrd_update_r %.0f updates/s", index + 1, storageRates.last!, bareRates.last!))
        }
        try? FileManager.default.removeItem(atPath: directory)
        let storage = Measure.median(storageRates)
        let bare = Measure.median(bareRates)
        print(String(format: "storage layer (median): %.0f updates/s", storage))
        print(String(format: "bare rrd_update_r loop (median): %.0f updates/s", bare))
        print(String(format: "ratio: %.3f", storage / bare))
    }

    /// Rounds 1...R through the storage layer; round 0 (file creation) is not timed.
    static func storageLayer(_ setup: Setup, _ directory: String) async throws -> Double {
        let backend = try LocalRRDBackend(dataDirectory: directory, policy: RetentionPolicy([schema]), limits: setup.limits)
        let writer = MetricWriter(backend: backend, limits: setup.limits, now: { t0 + 1_000_000 })
        func round(_ index: Int) async {
            let time = t0 + index * schema.step
            await writer.submit(setup.names.map { Sample(name: $0, time: time, value: Double(index)) })
            await writer.flush()
        }
        await round(0)
        let started = ContinuousClock.now
        for index in 1...setup.rounds { await round(index) }
        let elapsed = Measure.seconds(ContinuousClock.now - started)
        let stats = await writer.currentStatistics()
        precondition(stats.written == setup.names.count * (setup.rounds + 1), "storage layer lost values: \(stats)")
        return Double(setup.names.count * setup.rounds) / elapsed
    }

    /// The same rounds as one rrd_update_r call per file per round, on the calling thread.
    static func bareLoop(_ setup: Setup, _ directory: String) throws -> Double {
        let layout = schema.layout(for: .gauge)
        // The same directory tree as the storage layer's, so path lookups cost the same.
        let paths = setup.names.map { directory + "/" + $0.relativePath }
        for path in paths {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let createArguments = layout.sources.map { "DS:\($0.name):\($0.type.rawValue):\($0.heartbeat):U:U" }
            + layout.archives.map { "RRA:\($0.consolidation.rawValue):\($0.xff):\($0.stepsPerRow):\($0.rows)" }
        for path in paths {
            var argv = createArguments.map { UnsafePointer(strdup($0)) }
            defer { argv.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
            rrd_clear_error()
            guard rrd_create_r2(path, UInt(layout.step), time_t(t0 - schema.step), 1, nil, nil, Int32(argv.count), &argv) == 0 else {
                fatalError("create \(path): \(String(cString: rrd_get_error()))")
            }
        }
        func round(_ index: Int) {
            let argument = "\(t0 + index * schema.step):\(index)"
            for path in paths {
                var argv: [UnsafePointer<CChar>?] = [UnsafePointer(strdup(argument))]
                rrd_clear_error()
                if rrd_update_r(path, nil, 1, &argv) != 0 { fatalError("update \(path): \(String(cString: rrd_get_error()))") }
                free(UnsafeMutablePointer(mutating: argv[0]))
            }
        }
        round(0)
        let started = ContinuousClock.now
        for index in 1...setup.rounds { round(index) }
        return Double(setup.names.count * setup.rounds) / Measure.seconds(ContinuousClock.now - started)
    }
}
