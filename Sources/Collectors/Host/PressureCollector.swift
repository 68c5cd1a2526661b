import CollectorCore
import MetricStore
import Logging
import ProcFS

/// Pressure stall information as `host.pressure.<cpu|memory|io>.<some|full>`: the stall total
/// is stored as a counter of 10 ms units, so its per-second rate is the percent of time stalled.
/// Kernels without PSI (before 4.20, or booted with psi=0) have no /proc/pressure: said once.
public final class PressureCollector: Collector, SnapshotCollector {
    public let id = "pressure"
    public let interval: Int?
    let paths: HostPaths
    let blocking = BlockingQueue(label: "pressure")
    let once: OnceLog

    public init(paths: HostPaths, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    static let resources = ["cpu", "memory", "io"]

    func read() throws -> [(String, Pressure)] {
        guard paths.proc.exists("pressure") else {
            once.info("\(paths.proc.path)/pressure is absent (kernel without PSI); the pressure collector has nothing to collect")
            return []
        }
        return Self.resources.compactMap { resource in
            do {
                let pressure = Pressure.parse(try paths.proc.read("pressure/\(resource)"))
                report(pressure.issues, in: "/proc/pressure/\(resource)")
                return (resource, pressure)
            } catch {
                // EOPNOTSUPP when PSI is compiled in but disabled.
                once.info("\(error); host.pressure.\(resource) is not collected")
                return nil
            }
        }
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ pressures: [(String, Pressure)], at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        for (resource, pressure) in pressures {
            builder.counter("host.pressure.\(resource).some", pressure.some.map { $0.totalMicroseconds / 10_000 }, unit: "%")
            builder.counter("host.pressure.\(resource).full", pressure.full.map { $0.totalMicroseconds / 10_000 }, unit: "%")
        }
        return builder
    }
}
