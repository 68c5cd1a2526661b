import CollectorCore
import MetricStore
import Logging

/// The host collectors, in a fixed order, built from their settings: the one place that says
/// which exist (no registration by side effect).
public enum HostCollectors {
    public struct Options: Sendable {
        public var enabled: Bool
        public var interval: Int?
        public var flags: [String: Bool]

        public init(enabled: Bool = true, interval: Int? = nil, flags: [String: Bool] = [:]) {
            self.enabled = enabled
            self.interval = interval
            self.flags = flags
        }

        func flag(_ key: String, default value: Bool) -> Bool { flags[key] ?? value }
    }

    public static let ids = ["cpu", "memory", "system", "network", "disk", "filesystem", "vmstat", "pressure", "netstat"]

    public static func make(paths: HostPaths, options: (String) -> Options, logger: Logger) -> [any Collector] {
        ids.compactMap { id -> (any Collector)? in
            let option = options(id)
            guard option.enabled else { return nil }
            let interval = option.interval
            switch id {
            case "cpu": return CPUCollector(paths: paths, perCore: option.flag("per_core", default: true), interval: interval, logger: logger)
            case "memory": return MemoryCollector(paths: paths, interval: interval, logger: logger)
            case "system": return SystemCollector(paths: paths, interval: interval, logger: logger)
            case "network": return NetworkCollector(paths: paths, loopback: option.flag("loopback", default: false),
                                                    virtual: option.flag("virtual", default: false), interval: interval, logger: logger)
            case "disk": return DiskCollector(paths: paths, partitions: option.flag("partitions", default: false), interval: interval, logger: logger)
            case "filesystem": return FilesystemCollector(paths: paths, pseudo: option.flag("pseudo", default: false), interval: interval, logger: logger)
            case "vmstat": return VMStatCollector(paths: paths, interval: interval, logger: logger)
            case "pressure": return PressureCollector(paths: paths, interval: interval, logger: logger)
            case "netstat": return NetstatCollector(paths: paths, interval: interval, logger: logger)
            default: return nil
            }
        }
    }
}
