import Collectors
import CollectorCore
import Foundation
import MetricStore
import Testing
import TestSupport

/// Values by metric name, for readable expectations.
func values(_ samples: [Sample]) -> [String: Double] {
    Dictionary(samples.map { ($0.name.rawValue, $0.value) }) { first, _ in first }
}

@Suite struct CPUCollectorTests {
    @Test func iowaitGoingBackwardsCountsAsNoTimeAndIsSaidOnce() async throws {
        let tree = StagedTree()
        let logs = CapturedLogs()
        let collector = CPUCollector(paths: HostPaths(proc: tree.proc), logger: logs.logger)
        try tree.stage("stat-iowait-goes-backwards/proc0")
        #expect(try await collector.collect(at: 10).isEmpty, "percentages need two readings")
        try tree.stage("stat-iowait-goes-backwards/proc1")
        let first = values(try await collector.collect(at: 20))
        // Deltas: user 10, system 1, idle 90, iowait -20 (counted as 0): 101 ticks in all.
        #expect(first["host.cpu.total.iowait"] == 0)
        #expect(abs(first["host.cpu.total.user"]! - 1_000.0 / 101) < 1e-9)
        #expect(abs(first["host.cpu.0.idle"]! - 9_000.0 / 101) < 1e-9)
        let total = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"].map { first["host.cpu.total.\($0)"]! }.reduce(0, +)
        #expect(abs(total - 100) < 1e-9)
        try tree.stage("stat-iowait-goes-backwards/proc0")
        try tree.stage("stat-iowait-goes-backwards/proc1")
        _ = try await collector.collect(at: 30)
        #expect(logs.count(containing: "iowait of cpu total went backwards") == 1)
    }

    @Test func aCoreThatAppearsStartsAtTheNextRun() async throws {
        let tree = StagedTree()
        let logs = CapturedLogs()
        let collector = CPUCollector(paths: HostPaths(proc: tree.proc), logger: logs.logger)
        try tree.stage("stat-cpu-appears/proc0")
        _ = try await collector.collect(at: 10)
        try tree.stage("stat-cpu-appears/proc1")
        let samples = values(try await collector.collect(at: 20))
        #expect(samples["host.cpu.total.user"] != nil)
        #expect(samples.keys.contains { $0.hasPrefix("host.cpu.0.") })
        #expect(!samples.keys.contains { $0.hasPrefix("host.cpu.1.") })
        #expect(logs.count(containing: "cpu 1 appeared") == 1)
    }

    @Test func aCoreThatDisappearsIsSaidOnceAndTheOthersContinue() async throws {
        let tree = StagedTree()
        let logs = CapturedLogs()
        let collector = CPUCollector(paths: HostPaths(proc: tree.proc), logger: logs.logger)
        try tree.stage("stat-cpu-appears/proc1")
        _ = try await collector.collect(at: 10)
        try tree.stage("stat-cpu-appears/proc0")
        _ = try await collector.collect(at: 20)
        try tree.stage("stat-cpu-appears/proc1")
        try tree.stage("stat-cpu-appears/proc0")
        let samples = values(try await collector.collect(at: 30))
        #expect(logs.count(containing: "cpu 1 disappeared") == 1)
        #expect(!samples.keys.contains { $0.hasPrefix("host.cpu.1.") })
    }

    @Test func oldKernelWithFourFieldsStillGivesPercentages() async throws {
        let tree = StagedTree()
        try tree.stage("stat-4-fields-old-kernel/proc")
        let collector = CPUCollector(paths: HostPaths(proc: tree.proc), logger: CapturedLogs().logger)
        _ = try await collector.collect(at: 10)
        let samples = values(try await collector.collect(at: 20))
        // Same file twice: no time passed, so nothing to report rather than a division by zero.
        #expect(samples.isEmpty)
        #expect(try await collector.declaredSeries().contains { $0.name.rawValue == "host.cpu.total.steal" })
    }

    @Test func perCoreCanBeTurnedOff() async throws {
        let collector = CPUCollector(paths: HostPaths(proc: Fixtures.path("recorded-debian12/proc")), perCore: false, logger: CapturedLogs().logger)
        let series = try await collector.declaredSeries().map(\.name.rawValue)
        #expect(series.count == 8)
        #expect(series.allSatisfy { $0.hasPrefix("host.cpu.total.") })
    }
}

@Suite struct NetworkCollectorTests {
    @Test func renamedInterfaceIsSaidOnceAndItsSeriesMove() async throws {
        let tree = StagedTree()
        let logs = CapturedLogs()
        let collector = NetworkCollector(paths: HostPaths(proc: tree.proc, sys: tree.directory.path + "/sys"), logger: logs.logger)
        try tree.stage("netdev-interface-renamed/proc0")
        let before = values(try await collector.collect(at: 10))
        #expect(before["host.net.eth0.rx_bytes"] == 500_000)
        #expect(before["host.net.lo.rx_bytes"] == nil, "loopback is left out by default")
        try tree.stage("netdev-interface-renamed/proc1")
        let after = values(try await collector.collect(at: 20))
        #expect(after["host.net.ens3.tx_packets"] == 2_001)
        #expect(after["host.net.eth0.rx_bytes"] == nil)
        _ = try await collector.collect(at: 30)
        #expect(logs.count(containing: "network interface ens3 appeared") == 1)
        #expect(logs.count(containing: "network interface eth0 disappeared") == 1)
    }

    @Test func loopbackAndVirtualInterfacesAreSelectable() async throws {
        let tree = StagedTree()
        try tree.stage("netdev-interface-renamed/proc0")
        let sys = tree.directory.path + "/sys"
        try FileManager.default.createDirectory(atPath: sys + "/devices/virtual/net/eth0", withIntermediateDirectories: true)
        let paths = HostPaths(proc: tree.proc, sys: sys)
        let physicalOnly = values(try await NetworkCollector(paths: paths, logger: CapturedLogs().logger).collect(at: 10))
        #expect(physicalOnly.isEmpty, "eth0 is virtual here and lo is loopback")
        let everything = values(try await NetworkCollector(paths: paths, loopback: true, virtual: true, logger: CapturedLogs().logger).collect(at: 10))
        #expect(everything["host.net.lo.rx_packets"] == 10)
        #expect(everything["host.net.eth0.rx_packets"] == 4_000)
    }

    @Test(arguments: ["netdev-extra-column", "netdev-missing-column"])
    func oddColumnsAreSaidOnceAndGoodLinesStillCount(_ name: String) async throws {
        let logs = CapturedLogs()
        let collector = NetworkCollector(paths: HostPaths(proc: Fixtures.path("\(name)/proc"), sys: "/nonexistent"), logger: logs.logger)
        let first = try await collector.collect(at: 10)
        _ = try await collector.collect(at: 20)
        #expect(!first.isEmpty)
        let reported = logs.messages.filter { $0.contains("/proc/net/dev line") }
        #expect(!reported.isEmpty)
        #expect(Set(reported).count == reported.count, "each odd line is said once, not every run")
    }

    @Test func hugeCountersWithoutASpaceAreRead() async throws {
        let collector = NetworkCollector(paths: HostPaths(proc: Fixtures.path("netdev-huge-counter-no-space/proc"), sys: "/nonexistent"), logger: CapturedLogs().logger)
        let samples = try await collector.collect(at: 10)
        #expect(samples.contains { $0.name.rawValue.hasSuffix(".rx_bytes") && $0.value > 1e12 })
    }
}

@Suite struct DiskCollectorTests {
    @Test(arguments: ["diskstats-14-fields", "diskstats-18-fields", "diskstats-20-fields", "diskstats-more-than-20-fields"])
    func readsEveryFieldFormat(_ name: String) async throws {
        let collector = DiskCollector(paths: HostPaths(proc: Fixtures.path("\(name)/proc"), sys: "/nonexistent"), logger: CapturedLogs().logger)
        let samples = values(try await collector.collect(at: 10))
        #expect(samples.keys.contains { $0.hasSuffix(".reads") })
        #expect(samples.keys.contains { $0.hasSuffix(".in_progress") })
    }

    @Test func deviceNameWithSpaceBecomesAValidSegmentAndIsSaidOnce() async throws {
        let logs = CapturedLogs()
        let collector = DiskCollector(paths: HostPaths(proc: Fixtures.path("diskstats-name-with-space/proc"), sys: "/nonexistent"), logger: logs.logger)
        let samples = values(try await collector.collect(at: 10))
        #expect(samples["host.disk.my_disk.reads"] == 1)
        #expect(samples["host.disk.my_disk.read_bytes"] == 1_536)
        #expect(samples["host.disk.sda.writes"] == 5)
        _ = try await collector.collect(at: 20)
        #expect(logs.count(containing: "disk device 'my disk' is stored as host.disk.my_disk") == 1)
        #expect(logs.count(containing: "/proc/diskstats line 4") == 1, "the broken line is reported once")
    }

    @Test func partitionsAreLeftOutWhenSysBlockSaysSo() async throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/block/vda", withIntermediateDirectories: true)
        let collector = DiskCollector(paths: HostPaths(proc: Fixtures.path("recorded-debian12/proc"), sys: directory.path), logger: CapturedLogs().logger)
        let devices = Set(try await collector.collect(at: 10).map { $0.name.segments[2] })
        #expect(devices == ["vda"])
    }
}

@Suite struct FilesystemCollectorTests {
    @Test func mountPointsWithEscapesBecomeSegmentsAndPseudoAreLeftOut() async throws {
        let usage = FileSystemUsage(size: 1_000, free: 400, available: 300, inodesTotal: 50, inodesFree: 20)
        let collector = FilesystemCollector(paths: HostPaths(proc: Fixtures.path("mounts-octal-escapes/proc")),
                                            logger: CapturedLogs().logger, statfs: { _ in usage })
        let samples = values(try await collector.collect(at: 10))
        #expect(samples["host.fs.root.used"] == 600)
        #expect(samples["host.fs.mnt-my_disk.available"] == 300)
        #expect(samples["host.fs.mnt-back_slash_newline.inodes_used"] == 30)
        #expect(samples["host.fs.mnt-nfs.size"] == 1_000)
        #expect(!samples.keys.contains { $0.contains("tab") }, "tmpfs is a pseudo file system")
    }

    @Test func aFailingStatvfsSkipsOnlyThatMount() async throws {
        let logs = CapturedLogs()
        let collector = FilesystemCollector(paths: HostPaths(proc: Fixtures.path("mounts-octal-escapes/proc")), logger: logs.logger,
                                            statfs: { $0 == "/mnt/nfs" ? nil : FileSystemUsage(size: 1, free: 1, available: 1, inodesTotal: 1, inodesFree: 1) })
        let samples = values(try await collector.collect(at: 10))
        _ = try await collector.collect(at: 20)
        #expect(samples["host.fs.root.size"] == 1)
        #expect(samples["host.fs.mnt-nfs.size"] == nil)
        #expect(logs.count(containing: "statvfs(/mnt/nfs) failed") == 1)
    }

    @Test func realStatvfsOnTheRecordedRoot() async throws {
        let collector = FilesystemCollector(paths: HostPaths(proc: Fixtures.path("recorded-debian12/proc")), logger: CapturedLogs().logger)
        let samples = values(try await collector.collect(at: 10))
        #expect((samples["host.fs.root.size"] ?? 0) > 0)
    }
}

@Suite struct PressureAndMissingFileTests {
    @Test func absentPressureIsSaidOnceAndYieldsNothing() async throws {
        let logs = CapturedLogs()
        let collector = PressureCollector(paths: HostPaths(proc: Fixtures.path("pressure-absent/proc")), logger: logs.logger)
        for tick in 1...3 { #expect(try await collector.collect(at: tick * 10).isEmpty) }
        #expect(logs.count(containing: "kernel without PSI") == 1)
    }

    @Test func cpuPressureWithoutAFullLine() async throws {
        let collector = PressureCollector(paths: HostPaths(proc: Fixtures.path("pressure-cpu-no-full-line/proc")), logger: CapturedLogs().logger)
        let samples = values(try await collector.collect(at: 10))
        #expect(samples["host.pressure.cpu.some"] != nil)
        #expect(samples["host.pressure.cpu.full"] == nil)
    }

    @Test func memoryWithMissingFieldsKeepsTheRest() async throws {
        let logs = CapturedLogs()
        let collector = MemoryCollector(paths: HostPaths(proc: Fixtures.path("meminfo-missing-fields/proc")), logger: logs.logger)
        let samples = values(try await collector.collect(at: 10))
        _ = try await collector.collect(at: 20)
        #expect(samples["host.memory.total"] != nil)
        #expect(logs.messages.filter { $0.contains("/proc/meminfo has no") }.count == Set(logs.messages.filter { $0.contains("/proc/meminfo has no") }).count)
        #expect(logs.count(containing: "/proc/meminfo has no") >= 1)
    }

    @Test func missingFilesFailClearlyAndOtherFilesStillFlow() async throws {
        let empty = TemporaryDirectory()
        let logs = CapturedLogs()
        let paths = HostPaths(proc: empty.path, sys: empty.path)
        await #expect(throws: (any Error).self) { try await CPUCollector(paths: paths, logger: logs.logger).collect(at: 10) }
        // The system collector reads three files; with /proc/uptime alone it still reports uptime.
        FileManager.default.createFile(atPath: empty.path + "/uptime", contents: Data("1234.5 100.0\n".utf8))
        let system = SystemCollector(paths: paths, logger: logs.logger)
        let samples = values(try await system.collect(at: 10))
        _ = try await system.collect(at: 20)
        #expect(samples == ["host.uptime": 1_234])
        #expect(logs.count(containing: "loadavg") == 1)
    }

    @Test(arguments: HostCollectors.ids)
    func emptyFilesNeverCrashAnyCollector(_ id: String) async throws {
        let collectors = HostCollectors.make(paths: HostPaths(proc: Fixtures.path("empty-files/proc"), sys: "/nonexistent"),
                                             options: { _ in HostCollectors.Options() }, logger: CapturedLogs().logger)
        let collector = try #require(collectors.first { $0.id == id })
        _ = try? await collector.collect(at: 10)
        _ = try? await collector.collect(at: 20)
    }
}

@Suite struct RecordedTreeTests {
    /// Every collector on the tree recorded on this machine yields plausible values.
    @Test func everyCollectorYieldsValuesFromTheRecordedTree() async throws {
        let paths = HostPaths(proc: Fixtures.path("recorded-debian12/proc"), sys: "/nonexistent")
        let collectors = HostCollectors.make(paths: paths, options: { _ in HostCollectors.Options() }, logger: CapturedLogs().logger)
        #expect(collectors.map(\.id) == HostCollectors.ids)
        var all: [String: Double] = [:]
        for collector in collectors {
            let declared = try await collector.declaredSeries()
            #expect(!declared.isEmpty, "\(collector.id) declares no series")
            _ = try await collector.collect(at: 10)
            all.merge(values(try await collector.collect(at: 20))) { first, _ in first }
        }
        #expect((all["host.memory.total"] ?? 0) > 1e9)
        #expect(all["host.load.1"] != nil)
        #expect((all["host.processes.forks"] ?? 0) > 0)
        #expect(all["host.net.eth0.rx_bytes"] != nil)
        #expect(all["host.vmstat.pgfault"] != nil)
        #expect(all["host.pressure.io.some"] != nil)
        #expect(all["host.udp.rcvbuf_errors"] != nil)
        #expect(all["host.sockets.used"] != nil)
    }
}
