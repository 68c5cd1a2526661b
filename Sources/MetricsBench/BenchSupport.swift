import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small measuring helpers shared by the benchmarks.
enum Measure {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// CPU time of the whole process (every thread), in seconds.
    static func processCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// `--name value` pairs.
struct BenchArguments {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>, allowed: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard allowed.contains(flag), let value = iterator.next() else {
                fatalError("unknown option \(flag); options: \(allowed.joined(separator: " "))")
            }
            values[flag] = value
        }
    }

    func int(_ flag: String, _ fallback: Int) -> Int { values[flag].flatMap(Int.init) ?? fallback }
    func string(_ flag: String, _ fallback: String) -> String { values[flag] ?? fallback }
}
