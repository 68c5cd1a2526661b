import CollectorCore
import MetricStore
import Logging
import ProcFS

/// /proc/meminfo as `host.memory.<field>` in bytes.
public final class MemoryCollector: Collector, SnapshotCollector {
    public let id = "memory"
    public let interval: Int?
    let paths: HostPaths
    let blocking = BlockingQueue(label: "memory")
    let once: OnceLog

    public init(paths: HostPaths, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    /// Series name and the meminfo key it comes from.
    static let fields: [(String, String)] = [
        ("total", "MemTotal"), ("free", "MemFree"), ("available", "MemAvailable"), ("buffers", "Buffers"),
        ("cached", "Cached"), ("slab", "Slab"), ("swap_free", "SwapFree"), ("dirty", "Dirty"), ("writeback", "Writeback"),
    ]

    func read() throws -> MemInfo {
        let info = MemInfo.parse(try paths.proc.read("meminfo"))
        report(info.issues, in: "/proc/meminfo")
        return info
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ info: MemInfo, at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for (name, key) in Self.fields {
            guard let value = info.values[key] else {
                once.info("/proc/meminfo has no \(key) (an older kernel?); host.memory.\(name) is not collected")
                continue
            }
            builder.gauge("host.memory.\(name)", Double(value), unit: "B")
        }
        if let total = info.values["SwapTotal"], let free = info.values["SwapFree"] {
            builder.gauge("host.memory.swap_used", Double(total >= free ? total - free : 0), unit: "B")
        }
        return builder
    }
}
