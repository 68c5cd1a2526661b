// metrics-bench: the measurements behind bench/rrd-write.
//
// Writes R rounds of one value for each of N metrics through the storage layer (MetricWriter and
// LocalRRDBackend: submit, then flush, as one collection step does), and the same rounds through a
// bare loop of one rrd_update_r call per file per round, on files of the same layout. The two
// alternate several times; the medians are printed, and last `ratio: N` (storage over bare).
import CRRD
import Foundation
import MetricStore
import RRD

struct Options {
    var metrics = 1_000
    var rounds = 20
    var repeats = 7
    var directory = NSTemporaryDirectory() + "metrics-bench-\(getpid())"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--metrics": metrics = Int(value) ?? metrics
            case "--rounds": rounds = Int(value) ?? rounds
            case "--repeats": repeats = Int(value) ?? repeats
            case "--dir": directory = value
            default: fatalError("unknown option \(flag); use --metrics N --rounds N --repeats N --dir DIR")
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let t0 = 1_700_000_000
let schema = RetentionSchema.standard
let names = (0..<options.metrics).map { try! MetricName("bench.group\($0 / 100).metric\($0)") }
let limits = StorageLimits(maxMetrics: options.metrics * 2, minFreeBytes: 0)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Rounds 1...R through the storage layer; round 0 (file creation) is not timed.
func storageLayer(_ directory: String) async throws -> Double {
    let backend = try LocalRRDBackend(dataDirectory: directory, policy: RetentionPolicy([schema]), limits: limits)
    let writer = MetricWriter(backend: backend, limits: limits, now: { t0 + 1_000_000 })
    func round(_ index: Int) async {
        let time = t0 + index * schema.step
        await writer.submit(names.map { Sample(name: $0, time: time, value: Double(index)) })
        await writer.flush()
    }
    await round(0)
    let started = ContinuousClock.now
    for index in 1...options.rounds { await round(index) }
    let elapsed = seconds(ContinuousClock.now - started)
    let stats = await writer.currentStatistics()
    precondition(stats.written == options.metrics * (options.rounds + 1), "storage layer lost values: \(stats)")
    return Double(options.metrics * options.rounds) / elapsed
}

/// The same rounds as one rrd_update_r call per file per round, on the calling thread.
func bareLoop(_ directory: String) throws -> Double {
    let layout = schema.layout(for: .gauge)
    // The same directory tree as the storage layer's, so path lookups cost the same.
    let paths = names.map { directory + "/" + $0.relativePath }
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
    for index in 1...options.rounds { round(index) }
    return Double(options.metrics * options.rounds) / seconds(ContinuousClock.now - started)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

var storageRates: [Double] = []
var bareRates: [Double] = []
print("rrd-write: \(options.metrics) metrics x \(options.rounds) rounds, \(options.repeats) repeats, layout \(schema.tiers.map(\.description).joined(separator: ",")) (\(ByteSizeText.format(schema.bytesPerMetric))/file), in \(options.directory)")
for repeatIndex in 0..<options.repeats {
    let storageDirectory = options.directory + "/store-\(repeatIndex)"
    let bareDirectory = options.directory + "/bare-\(repeatIndex)"
    // Alternate which runs first so that neither always gets the warmer cache.
    if repeatIndex % 2 == 0 {
        bareRates.append(try bareLoop(bareDirectory))
        storageRates.append(try await storageLayer(storageDirectory))
    } else {
        storageRates.append(try await storageLayer(storageDirectory))
        bareRates.append(try bareLoop(bareDirectory))
    }
    try? FileManager.default.removeItem(atPath: storageDirectory)
    try? FileManager.default.removeItem(atPath: bareDirectory)
    print(String(format: "repeat %d: storage layer %.0f updates/s, bare rrd_update_r %.0f updates/s", repeatIndex + 1, storageRates.last!, bareRates.last!))
}
try? FileManager.default.removeItem(atPath: options.directory)
let storage = median(storageRates)
let bare = median(bareRates)
print(String(format: "storage layer (median): %.0f updates/s", storage))
print(String(format: "bare rrd_update_r loop (median): %.0f updates/s", bare))
print(String(format: "ratio: %.3f", storage / bare))
