import CollectorCore
import Foundation
import Logging
import MetricStore
import ProcFS
#if canImport(Glibc)
import Glibc
#endif

/// Space and inodes of each mounted file system (statvfs over /proc/self/mounts) as
/// `host.fs.<mount>.<field>`: `/` is `root`, `/var/log` is `var-log`. Pseudo file systems
/// (proc, sysfs, tmpfs, cgroup...) are left out unless asked for.
public final class FilesystemCollector: Collector, SnapshotCollector {
    public let id = "filesystem"
    public let interval: Int?
    let paths: HostPaths
    let includePseudo: Bool
    let statfs: @Sendable (String) -> FileSystemUsage?
    let blocking = BlockingQueue(label: "filesystem")
    let once: OnceLog

    public init(paths: HostPaths, pseudo: Bool = false, interval: Int? = nil, logger: Logger,
                statfs: @escaping @Sendable (String) -> FileSystemUsage? = FileSystemUsage.of) {
        self.paths = paths
        includePseudo = pseudo
        self.interval = interval
        self.statfs = statfs
        once = OnceLog(logger: logger)
    }

    static let pseudoTypes: Set<String> = [
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "pstore", "bpf",
        "tracefs", "debugfs", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc",
        "rpc_pipefs", "nsfs", "ramfs", "efivarfs", "selinuxfs", "fuse.gvfsd-fuse", "fuse.portal", "squashfs",
    ]

    struct Mounted: Sendable {
        var segment: String
        var usage: FileSystemUsage
    }

    func read() throws -> [Mounted] {
        let mounts = Mounts.parse(try paths.proc.read("self/mounts"))
        report(mounts.issues, in: "/proc/self/mounts")
        var bySegment: [String: Mounted] = [:]
        var order: [String] = []
        for entry in mounts.entries where includePseudo || !Self.pseudoTypes.contains(entry.fsType) {
            let segment = Self.segment(forMountPoint: entry.mountPoint)
            guard let usage = statfs(entry.mountPoint) else {
                once.warning("statvfs(\(entry.mountPoint)) failed; host.fs.\(segment) is not collected")
                continue
            }
            if bySegment[segment] == nil { order.append(segment) }
            bySegment[segment] = Mounted(segment: segment, usage: usage)  // the last mount over a point wins
        }
        return order.compactMap { bySegment[$0] }
    }

    /// `/` → `root`, `/var/log` → `var-log`, `/mnt/my disk` → `mnt-my_disk`.
    static func segment(forMountPoint path: String) -> String {
        let trimmed = path.split(separator: "/").joined(separator: "-")
        return trimmed.isEmpty ? "root" : MetricName.segment(from: trimmed)
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ mounts: [Mounted], at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for mount in mounts {
            let prefix = "host.fs.\(mount.segment)"
            let usage = mount.usage
            builder.gauge("\(prefix).size", Double(usage.size), unit: "B")
            builder.gauge("\(prefix).used", Double(usage.used), unit: "B")
            builder.gauge("\(prefix).free", Double(usage.free), unit: "B")
            builder.gauge("\(prefix).available", Double(usage.available), unit: "B")
            builder.gauge("\(prefix).inodes_used", Double(usage.inodesUsed), unit: "inodes")
            builder.gauge("\(prefix).inodes_free", Double(usage.inodesFree), unit: "inodes")
        }
        return builder
    }
}

/// What statvfs says of one file system, in bytes and inodes.
public struct FileSystemUsage: Sendable, Equatable {
    public var size: UInt64
    public var free: UInt64
    public var available: UInt64
    public var inodesTotal: UInt64
    public var inodesFree: UInt64

    public init(size: UInt64, free: UInt64, available: UInt64, inodesTotal: UInt64, inodesFree: UInt64) {
        self.size = size
        self.free = free
        self.available = available
        self.inodesTotal = inodesTotal
        self.inodesFree = inodesFree
    }

    public var used: UInt64 { size >= free ? size - free : 0 }
    public var inodesUsed: UInt64 { inodesTotal >= inodesFree ? inodesTotal - inodesFree : 0 }

    @Sendable public static func of(_ path: String) -> FileSystemUsage? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let unit = UInt64(info.f_frsize)
        return FileSystemUsage(size: UInt64(info.f_blocks) * unit, free: UInt64(info.f_bfree) * unit,
                               available: UInt64(info.f_bavail) * unit, inodesTotal: UInt64(info.f_files),
                               inodesFree: UInt64(info.f_ffree))
    }
}
