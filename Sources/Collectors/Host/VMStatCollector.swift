import CollectorCore
import MetricStore
import Logging
import ProcFS

/// /proc/vmstat paging and faults as `host.vmstat.<key>` per second.
public final class VMStatCollector: Collector, SnapshotCollector {
    public let id = "vmstat"
    public let interval: Int?
    let paths: HostPaths
    let blocking = BlockingQueue(label: "vmstat")
    let once: OnceLog

    public init(paths: HostPaths, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    static let keys: [(String, String)] = [
        ("pgpgin", "KiB/s"), ("pgpgout", "KiB/s"), ("pswpin", "pages/s"), ("pswpout", "pages/s"),
        ("pgfault", "faults/s"), ("pgmajfault", "faults/s"),
    ]

    func read() throws -> VMStat {
        let stat = VMStat.parse(try paths.proc.read("vmstat"))
        report(stat.issues, in: "/proc/vmstat")
        return stat
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ stat: VMStat, at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for (key, unit) in Self.keys {
            guard let value = stat.values[key] else {
                once.info("/proc/vmstat has no \(key); host.vmstat.\(key) is not collected")
                continue
            }
            builder.counter("host.vmstat.\(key)", value, unit: unit)
        }
        return builder
    }
}
