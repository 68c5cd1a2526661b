import CollectorCore
import MetricStore
import Logging
import ProcFS

/// TCP and UDP counters from /proc/net/snmp (`host.tcp.*`, `host.udp.*`, per second) and socket
/// counts from /proc/net/sockstat (`host.sockets.*`). UDP receive and buffer errors are the
/// drops a StatsD listener suffers.
public final class NetstatCollector: Collector, SnapshotCollector {
    public let id = "netstat"
    public let interval: Int?
    let paths: HostPaths
    let blocking = BlockingQueue(label: "netstat")
    let once: OnceLog

    public init(paths: HostPaths, interval: Int? = nil, logger: Logger) {
        self.paths = paths
        self.interval = interval
        once = OnceLog(logger: logger)
    }

    static let tcpCounters = [("ActiveOpens", "active_opens"), ("PassiveOpens", "passive_opens"), ("AttemptFails", "attempt_fails"),
                              ("EstabResets", "estab_resets"), ("RetransSegs", "retrans_segs"), ("InErrs", "in_errs"), ("OutRsts", "out_rsts")]
    static let udpCounters = [("InDatagrams", "in_datagrams"), ("OutDatagrams", "out_datagrams"), ("InErrors", "in_errors"),
                              ("NoPorts", "no_ports"), ("RcvbufErrors", "rcvbuf_errors"), ("SndbufErrors", "sndbuf_errors")]
    static let socketGauges = [("sockets", "used", "used"), ("TCP", "inuse", "tcp_inuse"), ("TCP", "orphan", "tcp_orphan"),
                               ("TCP", "tw", "tcp_tw"), ("TCP", "alloc", "tcp_alloc"), ("UDP", "inuse", "udp_inuse")]

    struct Snapshot: Sendable {
        var snmp: NetSNMP?
        var sockstat: SockStat?
    }

    func read() throws -> Snapshot {
        var snapshot = Snapshot()
        do {
            snapshot.snmp = NetSNMP.parse(try paths.proc.read("net/snmp"))
            report(snapshot.snmp!.issues, in: "/proc/net/snmp")
        } catch {
            once.warning("\(error); host.tcp.* and host.udp.* are not collected")
        }
        do {
            snapshot.sockstat = SockStat.parse(try paths.proc.read("net/sockstat"))
            report(snapshot.sockstat!.issues, in: "/proc/net/sockstat")
        } catch {
            once.warning("\(error); host.sockets.* are not collected")
        }
        return snapshot
    }

    public func declaredSeries() async throws -> [SeriesSpec] { try await seriesOfSnapshot() }
    public func collect(at time: Int) async throws -> [Sample] { try await samplesOfSnapshot(at: time) }

    func build(_ snapshot: Snapshot, at time: Int, commit: Bool) -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        if let snmp = snapshot.snmp {
            let tcp = snmp.values["Tcp"] ?? [:]
            for (key, name) in Self.tcpCounters { builder.counter("host.tcp.\(name)", tcp[key], unit: "/s") }
            builder.gauge("host.tcp.curr_estab", tcp["CurrEstab"].map { Double($0) }, unit: "connections")
            let udp = snmp.values["Udp"] ?? [:]
            for (key, name) in Self.udpCounters { builder.counter("host.udp.\(name)", udp[key], unit: "/s") }
        }
        if let sockstat = snapshot.sockstat {
            for (group, key, name) in Self.socketGauges {
                builder.gauge("host.sockets.\(name)", sockstat.values[group]?[key].map { Double($0) }, unit: "sockets")
            }
        }
        return builder
    }
}
