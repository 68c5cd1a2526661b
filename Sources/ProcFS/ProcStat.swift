/// Cumulative time one CPU (or all CPUs, for the aggregate "cpu" line) spent in each
/// state, in USER_HZ ticks (normally 1/100 s), from a `cpu` line of /proc/stat.
public struct CPUTimes: Sendable, Equatable {
    /// The N of "cpuN"; nil for the aggregate "cpu" line.
    public var cpu: Int?
    public var user: UInt64
    public var nice: UInt64
    public var system: UInt64
    public var idle: UInt64
    /// Since Linux 2.5.41.
    public var iowait: UInt64
    /// Since Linux 2.6.0.
    public var irq: UInt64
    /// Since Linux 2.6.0.
    public var softirq: UInt64
    /// Since Linux 2.6.11.
    public var steal: UInt64
    /// Since Linux 2.6.24; already included in `user`.
    public var guest: UInt64
    /// Since Linux 2.6.33; already included in `nice`.
    public var guestNice: UInt64

    public init(
        cpu: Int?, user: UInt64 = 0, nice: UInt64 = 0, system: UInt64 = 0, idle: UInt64 = 0,
        iowait: UInt64 = 0, irq: UInt64 = 0, softirq: UInt64 = 0, steal: UInt64 = 0,
        guest: UInt64 = 0, guestNice: UInt64 = 0
    ) {
        self.cpu = cpu
        self.user = user
        self.nice = nice
        self.system = system
        self.idle = idle
        self.iowait = iowait
        self.irq = irq
        self.softirq = softirq
        self.steal = steal
        self.guest = guest
        self.guestNice = guestNice
    }
}

/// Kernel and system statistics from /proc/stat (proc(5), "/proc/stat").
///
/// `cpu` lines: `cpu[N] user nice system idle iowait irq softirq steal guest guest_nice`.
/// Older kernels print fewer values (4 before 2.5.41, 7 in 2.6.0, 8 from 2.6.11, 9 from
/// 2.6.24); missing ones read as 0. Also `ctxt`, `btime`, `processes`, `procs_running`,
/// `procs_blocked`; other lines (`intr`, `softirq`, `page`, `swap`) are skipped.
public struct ProcStat: Sendable, Equatable {
    /// In file order: normally the aggregate line (`cpu == nil`) first, then cpu0, cpu1, …
    /// Offline CPUs have no line, so the numbers can have gaps.
    public var cpus: [CPUTimes]
    /// `procs_running`: runnable threads (since 2.5.45).
    public var procsRunning: UInt64?
    /// `procs_blocked`: threads blocked on I/O (since 2.5.45).
    public var procsBlocked: UInt64?
    /// `processes`: forks since boot.
    public var forks: UInt64?
    /// `ctxt`: context switches since boot.
    public var contextSwitches: UInt64?
    /// `btime`: boot time, seconds since the Unix epoch.
    public var bootTime: UInt64?
    public var issues: [ParseIssue]

    public init(
        cpus: [CPUTimes] = [], procsRunning: UInt64? = nil, procsBlocked: UInt64? = nil,
        forks: UInt64? = nil, contextSwitches: UInt64? = nil, bootTime: UInt64? = nil,
        issues: [ParseIssue] = []
    ) {
        self.cpus = cpus
        self.procsRunning = procsRunning
        self.procsBlocked = procsBlocked
        self.forks = forks
        self.contextSwitches = contextSwitches
        self.bootTime = bootTime
        self.issues = issues
    }

    /// The aggregate "cpu" line.
    public var total: CPUTimes? { cpus.first { $0.cpu == nil } }

    /// The per-CPU "cpuN" lines.
    public var perCPU: [CPUTimes] { cpus.filter { $0.cpu != nil } }

    public static func parse(_ bytes: [UInt8]) -> ProcStat {
        bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 10) { values in
                parse(buffer, scratch: values)
            }
        }
    }

    private static func parse(_ buffer: Bytes, scratch values: UnsafeMutableBufferPointer<UInt64>) -> ProcStat {
        var stat = ProcStat()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            guard let key = line.nextField() else { continue }
            if line.hasPrefix(key, "cpu") {
                if let times = parseCPU(&line, key: key, values: values, issues: &stat.issues) {
                    stat.cpus.append(times)
                }
            } else if line.matches(key, "ctxt") {
                stat.contextSwitches = line.nextUInt64(key: "ctxt", issues: &stat.issues)
            } else if line.matches(key, "btime") {
                stat.bootTime = line.nextUInt64(key: "btime", issues: &stat.issues)
            } else if line.matches(key, "processes") {
                stat.forks = line.nextUInt64(key: "processes", issues: &stat.issues)
            } else if line.matches(key, "procs_running") {
                stat.procsRunning = line.nextUInt64(key: "procs_running", issues: &stat.issues)
            } else if line.matches(key, "procs_blocked") {
                stat.procsBlocked = line.nextUInt64(key: "procs_blocked", issues: &stat.issues)
            }
            // intr, softirq and unknown keys: ignored without reading their fields.
        }
        return stat
    }

    private static func parseCPU(
        _ line: inout Line, key: Range<Int>, values: UnsafeMutableBufferPointer<UInt64>,
        issues: inout [ParseIssue]
    ) -> CPUTimes? {
        var cpu: Int? = nil
        if key.count > 3 {
            guard case .success(let n) = parseUnsigned(line.buffer, key.lowerBound + 3..<key.upperBound, as: Int.self) else {
                issues.append(ParseIssue(line: line.number, message: "unrecognised cpu label \(line.quoted(key)); skipped"))
                return nil
            }
            cpu = n
        }
        let run = line.readUInt64s(into: values)
        if let failure = run.failure {
            issues.append(ParseIssue(line: line.number, message: "cpu line \(line.describe(failure)); skipped"))
            return nil
        }
        guard run.count >= 4 else {
            issues.append(ParseIssue(
                line: line.number,
                message: "cpu line has \(run.count) values, expected at least 4; skipped"))
            return nil
        }
        // Older kernels print fewer columns; the missing trailing ones are 0.
        for i in run.count..<values.count { values[i] = 0 }
        return CPUTimes(
            cpu: cpu, user: values[0], nice: values[1], system: values[2], idle: values[3],
            iowait: values[4], irq: values[5], softirq: values[6], steal: values[7],
            guest: values[8], guestNice: values[9])
    }
}
