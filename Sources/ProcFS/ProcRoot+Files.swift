/// Read-and-parse shortcuts for the daemon. Each reads one file below the root and
/// hands its bytes to the matching pure `parse`; read errors are thrown, parse problems
/// are in the result's `issues`.
extension ProcRoot {
    public func stat() throws(ProcReadError) -> ProcStat { ProcStat.parse(try read("stat")) }
    public func memInfo() throws(ProcReadError) -> MemInfo { MemInfo.parse(try read("meminfo")) }
    public func loadAvg() throws(ProcReadError) -> LoadAvg { LoadAvg.parse(try read("loadavg")) }
    public func uptime() throws(ProcReadError) -> Uptime { Uptime.parse(try read("uptime")) }
    public func netDev() throws(ProcReadError) -> NetDev { NetDev.parse(try read("net/dev")) }
    public func diskStats() throws(ProcReadError) -> DiskStats { DiskStats.parse(try read("diskstats")) }
    public func vmStat() throws(ProcReadError) -> VMStat { VMStat.parse(try read("vmstat")) }
    public func netSNMP() throws(ProcReadError) -> NetSNMP { NetSNMP.parse(try read("net/snmp")) }
    /// /proc/net/netstat (TcpExt, IpExt, …), same format as net/snmp.
    public func netNetstat() throws(ProcReadError) -> NetSNMP { NetSNMP.parse(try read("net/netstat")) }
    public func sockStat() throws(ProcReadError) -> SockStat { SockStat.parse(try read("net/sockstat")) }

    /// Throws `.missing` when the kernel has no PSI (before 4.20, or CONFIG_PSI off).
    public func pressure(_ resource: Pressure.Resource) throws(ProcReadError) -> Pressure {
        Pressure.parse(try read("pressure/" + resource.rawValue))
    }

    /// self/mounts (this process's mount namespace), falling back to the older `mounts`.
    public func mounts() throws(ProcReadError) -> Mounts {
        do throws(ProcReadError) {
            return Mounts.parse(try read("self/mounts"))
        } catch .missing {
            return Mounts.parse(try read("mounts"))
        }
    }
}
