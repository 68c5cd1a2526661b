import CollectorCore
import MetricStore
import Logging
import ProcFS
import Synchronization

/// /proc/stat cpu lines as percentages: `host.cpu.total.<state>` (the average over all cores)
/// and `host.cpu.<core>.<state>`, each the percent of time spent in that state since the last
/// run. Computed here rather than stored as DERIVE so graphs read 0–100 without arithmetic.
public final class CPUCollector: Collector, SnapshotCollector {
    public let id = "cpu"
    public let interval: Int?
    let paths: HostPaths
    let perCore: Bool
    let blocking = BlockingQueue(label: "cpu")
    let once: OnceLog
    private let previous = Mutex<[Int?: CPUTimes]>([:])

    public init(paths: HostPaths, perCore: Bool = true, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.perCore = perCore
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    static let states = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]

    func read() throws -> ProcStat {
        let stat = ProcStat.parse(try paths.proc.read("stat"))
        report(stat.issues, in: "/proc/stat")
        return stat
    }

    public func declaredSeries() async throws -> [SeriesSpec] {
        let stat = try await snapshot()
        return cpus(of: stat).flatMap { cpu in
            Self.states.compactMap { state in
                SeriesBuilder.spec("host.cpu.\(Self.label(cpu.cpu)).\(state)", .gauge, unit: "%", min: 0, max: 100)
            }
        }
    }

    public func collect(at time: Int) async throws -> [Sample] {
        build(try await snapshot(), at: time, commit: true).samples
    }

    func build(_ stat: ProcStat, at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        let current = cpus(of: stat)
        let before = previous.withLock { $0 }
        for cpu in current {
            guard let old = before[cpu.cpu] else {
                if !before.isEmpty { once.info("cpu \(Self.label(cpu.cpu)) appeared; its percentages start at the next run") }
                continue
            }
            let deltas = zip(Self.values(cpu), Self.values(old)).enumerated().map { index, pair -> UInt64 in
                if pair.0 < pair.1 {
                    // The kernel lets iowait (and, on some hypervisors, steal) go backwards.
                    once.info("/proc/stat: \(Self.states[index]) of cpu \(Self.label(cpu.cpu)) went backwards; counted as no time")
                    return 0
                }
                return pair.0 - pair.1
            }
            let total = deltas.reduce(0, +)
            guard total > 0 else { continue }
            for (state, delta) in zip(Self.states, deltas) {
                builder.gauge("host.cpu.\(Self.label(cpu.cpu)).\(state)", Double(delta) * 100 / Double(total), unit: "%", max: 100)
            }
        }
        for id in before.keys where !current.contains(where: { $0.cpu == id }) {
            once.info("cpu \(Self.label(id)) disappeared from /proc/stat; its series stop")
        }
        if commit {
            previous.withLock { $0 = Dictionary(current.map { ($0.cpu, $0) }) { first, _ in first } }
        }
        return builder
    }

    private func cpus(of stat: ProcStat) -> [CPUTimes] {
        perCore ? stat.cpus : stat.cpus.filter { $0.cpu == nil }
    }

    static func label(_ cpu: Int?) -> String { cpu.map(String.init) ?? "total" }

    /// The eight states in `states` order. Guest time is already part of user time.
    static func values(_ cpu: CPUTimes) -> [UInt64] {
        [cpu.user, cpu.nice, cpu.system, cpu.idle, cpu.iowait, cpu.irq, cpu.softirq, cpu.steal]
    }
}
