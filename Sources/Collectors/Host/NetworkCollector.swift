import CollectorCore
import Logging
import MetricStore
import ProcFS
import Synchronization

/// /proc/net/dev as `host.net.<interface>.<counter>` per second. Loopback and virtual interfaces
/// (those under /sys/devices/virtual/net: bridges, veth, tunnels) are left out unless asked for.
public final class NetworkCollector: Collector, SnapshotCollector {
    public let id = "network"
    public let interval: Int?
    let paths: HostPaths
    let includeLoopback: Bool
    let includeVirtual: Bool
    let blocking = BlockingQueue(label: "network")
    let once: OnceLog
    private let known = Mutex<Set<String>>([])

    public init(paths: HostPaths, loopback: Bool = false, virtual: Bool = false, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        includeLoopback = loopback
        includeVirtual = virtual
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    func read() throws -> [NetDevice] {
        let dev = NetDev.parse(try paths.proc.read("net/dev"))
        report(dev.issues, in: "/proc/net/dev")
        return dev.devices.filter(isIncluded)
    }

    private func isIncluded(_ device: NetDevice) -> Bool {
        if device.name == "lo" { return includeLoopback }
        if !includeVirtual, paths.sysExists("devices/virtual/net/\(device.name)") { return false }
        return true
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ devices: [NetDevice], at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for device in devices {
            let prefix = "host.net.\(MetricName.segment(from: device.name))"
            builder.counter("\(prefix).rx_bytes", device.rxBytes, unit: "B/s")
            builder.counter("\(prefix).rx_packets", device.rxPackets, unit: "packets/s")
            builder.counter("\(prefix).rx_errors", device.rxErrs, unit: "errors/s")
            builder.counter("\(prefix).rx_drops", device.rxDrop, unit: "packets/s")
            builder.counter("\(prefix).tx_bytes", device.txBytes, unit: "B/s")
            builder.counter("\(prefix).tx_packets", device.txPackets, unit: "packets/s")
            builder.counter("\(prefix).tx_errors", device.txErrs, unit: "errors/s")
            builder.counter("\(prefix).tx_drops", device.txDrop, unit: "packets/s")
        }
        if commit { noteChanges(Set(devices.map(\.name))) }
        return builder
    }

    /// A renamed interface shows as one that disappeared and one that appeared: say both once.
    private func noteChanges(_ names: Set<String>) {
        let before = known.withLock { state -> Set<String> in
            defer { state = names }
            return state
        }
        guard !before.isEmpty else { return }
        for name in names.subtracting(before).sorted() { once.info("network interface \(name) appeared") }
        for name in before.subtracting(names).sorted() { once.info("network interface \(name) disappeared; its series stop") }
    }
}
