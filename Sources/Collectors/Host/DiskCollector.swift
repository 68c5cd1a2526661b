import CollectorCore
import Logging
import MetricStore
import ProcFS

/// /proc/diskstats as `host.disk.<device>.<counter>` per second and `in_progress`. Whole disks
/// only by default (a partition has no /sys/block/<name>); devices that never did any I/O (idle
/// loop and ram devices) are left out until they do.
public final class DiskCollector: Collector, SnapshotCollector {
    public let id = "disk"
    public let interval: Int?
    let paths: HostPaths
    let includePartitions: Bool
    let blocking = BlockingQueue(label: "disk")
    let once: OnceLog

    public init(paths: HostPaths, partitions: Bool = false, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        includePartitions = partitions
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    static let sectorBytes: UInt64 = 512

    func read() throws -> [DiskDevice] {
        let stats = DiskStats.parse(try paths.proc.read("diskstats"))
        report(stats.issues, in: "/proc/diskstats")
        let checkPartitions = !includePartitions && paths.sysExists("block")
        if !includePartitions, !checkPartitions {
            once.info("\(paths.sys)/block is missing: cannot tell partitions from disks, so all devices are collected")
        }
        return stats.devices.filter { device in
            guard device.readsCompleted + device.writesCompleted > 0 else { return false }
            return !checkPartitions || paths.sysExists("block/\(device.name)")
        }
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ devices: [DiskDevice], at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for device in devices {
            let segment = MetricName.segment(from: device.name)
            if segment != device.name { once.info("disk device '\(device.name)' is stored as host.disk.\(segment)") }
            let prefix = "host.disk.\(segment)"
            builder.counter("\(prefix).reads", device.readsCompleted, unit: "ops/s")
            builder.counter("\(prefix).writes", device.writesCompleted, unit: "ops/s")
            builder.counter("\(prefix).read_bytes", device.sectorsRead &* Self.sectorBytes, unit: "B/s")
            builder.counter("\(prefix).write_bytes", device.sectorsWritten &* Self.sectorBytes, unit: "B/s")
            builder.counter("\(prefix).read_time", device.readTimeMs, unit: "ms/s")
            builder.counter("\(prefix).write_time", device.writeTimeMs, unit: "ms/s")
            builder.counter("\(prefix).io_time", device.ioTimeMs, unit: "ms/s")
            builder.counter("\(prefix).weighted_io_time", device.weightedIoTimeMs, unit: "ms/s")
            builder.gauge("\(prefix).in_progress", Double(device.ioInProgress), unit: "ops")
        }
        return builder
    }
}
