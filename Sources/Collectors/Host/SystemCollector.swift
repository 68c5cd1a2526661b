import CollectorCore
import MetricStore
import Logging
import ProcFS

/// Load, processes and uptime: `host.load.{1,5,15}`, `host.processes.{running,blocked}`,
/// `host.processes.{forks,context_switches}` (per second) and `host.uptime` (seconds).
public final class SystemCollector: Collector, SnapshotCollector {
    public let id = "system"
    public let interval: Int?
    let paths: HostPaths
    let blocking = BlockingQueue(label: "system")
    let once: OnceLog

    public init(paths: HostPaths, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    struct Snapshot: Sendable {
        var load: LoadAvg?
        var stat: ProcStat?
        var uptime: Uptime?
    }

    func read() throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.load = readOptional("loadavg", LoadAvg.parse)
        snapshot.stat = readOptional("stat", ProcStat.parse)
        snapshot.uptime = readOptional("uptime", Uptime.parse)
        if let issues = snapshot.load?.issues { report(issues, in: "/proc/loadavg") }
        if let issues = snapshot.uptime?.issues { report(issues, in: "/proc/uptime") }
        return snapshot
    }

    /// One missing file must not stop the others' series.
    private func readOptional<T>(_ file: String, _ parse: ([UInt8]) -> T) -> T? {
        do {
            return parse(try paths.proc.read(file))
        } catch {
            once.warning("\(error); its series are not collected")
            return nil
        }
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ snapshot: Snapshot, at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        if let load = snapshot.load {
            builder.gauge("host.load.1", load.one)
            builder.gauge("host.load.5", load.five)
            builder.gauge("host.load.15", load.fifteen)
        }
        if let stat = snapshot.stat {
            builder.gauge("host.processes.running", stat.procsRunning.map { Double($0) }, unit: "processes")
            builder.gauge("host.processes.blocked", stat.procsBlocked.map { Double($0) }, unit: "processes")
            builder.counter("host.processes.forks", stat.forks, unit: "forks/s")
            builder.counter("host.processes.context_switches", stat.contextSwitches, unit: "switches/s")
        }
        if let uptime = snapshot.uptime {
            builder.gauge("host.uptime", uptime.seconds?.rounded(.down), unit: "s")
        }
        return builder
    }
}
