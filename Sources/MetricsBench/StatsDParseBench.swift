import Foundation
import IngestListeners
import Logging
import StatsD

/// The in-process cost of one StatsD line: parse and aggregate the same datagrams as
/// bench/statsd/generator.c (3,000 names, a third each counters, timers, gauges), no sockets.
/// Prints nanoseconds per line; `bench/statsd-ingest` measures the daemon end to end.
enum StatsDParseBench {
    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--rounds", "--repeats"])
        let rounds = options.int("--rounds", 20_000)
        let (datagrams, lines) = makeDatagrams()
        let ingest = StatsDIngest(aggregation: StatsDAggregation(), tagSegments: [], logger: Logger(label: "bench"))
        var perLine: [Double] = []
        for repeatIndex in 0..<options.int("--repeats", 5) {
            let started = ContinuousClock.now
            var total = 0
            for round in 0..<rounds {
                let datagram = datagrams[round % datagrams.count]
                datagram.withUnsafeBytes { _ = ingest.ingest($0) }
                total += lines[round % datagrams.count]
                // A flush every ~400k lines, as at 400k lines/s with a 1 s step.
                if round % 4_000 == 3_999 { _ = ingest.flush(at: 1_000 + round + repeatIndex * rounds, interval: 1) }
            }
            perLine.append(Measure.seconds(ContinuousClock.now - started) * 1e9 / Double(total))
            print(String(format: "parse+aggregate: %.0f ns per line (%d lines)", perLine.last!, total))
        }
        print(String(format: "median: %.0f ns per line", Measure.median(perLine)))
    }

    /// 64 datagrams of at most 1,400 bytes, as the C generator builds them.
    static func makeDatagrams() -> ([[UInt8]], [Int]) {
        var seed: UInt32 = 1
        var datagrams: [[UInt8]] = []
        var counts: [Int] = []
        for _ in 0..<64 {
            var bytes: [UInt8] = []
            var lines = 0
            while true {
                let name = Int(next(&seed) % 3000), value = Int(next(&seed) % 1000)
                let type = name % 3 == 0 ? "c" : name % 3 == 1 ? "ms" : "g"
                let line = Array("bench.app\(name % 10).metric\(name):\(value)|\(type)\n".utf8)
                if bytes.count + line.count > 1400 { break }
                bytes += line
                lines += 1
            }
            datagrams.append(bytes)
            counts.append(lines)
        }
        return (datagrams, counts)
    }

    /// A small LCG; the exact sequence of the C generator does not matter, only its mix.
    private static func next(_ seed: inout UInt32) -> UInt32 {
        seed = seed &* 1_103_515_245 &+ 12_345
        return (seed >> 16) & 0x7fff
    }
}
