import ProcFS
import Testing

/// Every parser against the files recorded on the Debian 12 VM (2 cores, kernel 6.18).
@Suite struct RecordedTreeTests {
    let root = Fixture.recorded

    @Test func stat() throws {
        let stat = try root.stat()
        #expect(stat.issues == [])
        #expect(stat.cpus.count == 3)  // 2 cores + the aggregate line
        #expect(stat.cpus.map(\.cpu) == [nil, 0, 1])
        #expect(stat.total == CPUTimes(
            cpu: nil, user: 151008, nice: 0, system: 30902, idle: 185500, iowait: 1200,
            irq: 0, softirq: 321, steal: 108, guest: 0, guestNice: 0))
        // The aggregate is the sum of the cores.
        let cores = stat.perCPU
        #expect(cores.map(\.user).reduce(0, +) == stat.total?.user)
        #expect(cores.map(\.idle).reduce(0, +) == stat.total?.idle)
        #expect(stat.contextSwitches == 1853784)
        #expect(stat.bootTime == 1795866891)
        #expect(stat.forks == 61984)
        #expect(stat.procsRunning == 1)
        #expect(stat.procsBlocked == 0)
    }

    @Test func memInfo() throws {
        let info = try root.memInfo()
        #expect(info.issues == [])
        #expect(info.values.count == 54)
        #expect(info["MemTotal"] == 24684084 * 1024)
        #expect(info["MemFree"] == 22593948 * 1024)
        #expect(info["MemAvailable"] == 23992392 * 1024)
        #expect(info["HugePages_Total"] == 0)
        #expect(info["Hugepagesize"] == 2048 * 1024)
        #expect(info["MemFree"]! <= info["MemTotal"]!)
    }

    @Test func loadAvg() throws {
        #expect(try root.loadAvg() == LoadAvg(one: 0.26, five: 0.89, fifteen: 1.34, running: 1, total: 81, lastPID: 29521))
    }

    @Test func uptime() throws {
        #expect(try root.uptime() == Uptime(seconds: 1850.52, idleSeconds: 1855.01))
    }

    @Test func netDev() throws {
        let netDev = try root.netDev()
        #expect(netDev.issues == [])
        #expect(netDev.devices.map(\.name) == ["lo", "ifb0", "ifb1", "eth0"])
        let lo = try #require(netDev.device(named: "lo"))
        #expect(lo.rxBytes == 89871143 && lo.txBytes == 89871143)
        #expect(lo.rxPackets == 32239 && lo.txPackets == 32239)
        #expect(netDev.device(named: "eth0") == NetDevice(
            name: "eth0", rxBytes: 12459570, rxPackets: 517, txBytes: 26762, txPackets: 334))
    }

    @Test func diskStats() throws {
        let disks = try root.diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices.map(\.name) == ["loop0", "loop1", "loop2", "loop3", "loop4", "loop5", "loop6", "loop7", "vda", "zram0"])
        #expect(disks.device(named: "vda") == DiskDevice(
            major: 254, minor: 0, name: "vda",
            readsCompleted: 216363, readsMerged: 10400, sectorsRead: 7798866, readTimeMs: 231861,
            writesCompleted: 113997, writesMerged: 154601, sectorsWritten: 15616504, writeTimeMs: 78904,
            ioInProgress: 0, ioTimeMs: 25188, weightedIoTimeMs: 318892,
            discardsCompleted: 87452, discardsMerged: 2, sectorsDiscarded: 10016016, discardTimeMs: 7016,
            flushesCompleted: 19690, flushTimeMs: 1110))
    }

    @Test func mounts() throws {
        let mounts = try root.mounts()
        #expect(mounts.issues == [])
        #expect(mounts.entries.count == 20)
        #expect(mounts.entries.first == MountEntry(device: "proc", mountPoint: "/proc", fsType: "proc", options: "rw,relatime"))
        #expect(mounts.entries.contains { $0.mountPoint == "/" && $0.fsType == "ext4" && $0.device == "/dev/vda" })
    }

    @Test func vmStat() throws {
        let vm = try root.vmStat()
        #expect(vm.issues == [])
        #expect(vm.values.count == 192)
        #expect(vm["nr_free_pages"] == 1630258)
        #expect(vm["pgfault"] != nil)
    }

    @Test func pressure() throws {
        #expect(try root.pressure(.cpu) == Pressure(
            some: PressureLine(avg10: 0.95, avg60: 0.82, avg300: 8.27, totalMicroseconds: 394649204),
            full: PressureLine(avg10: 0, avg60: 0, avg300: 0, totalMicroseconds: 0)))
        #expect(try root.pressure(.io) == Pressure(
            some: PressureLine(avg10: 0.44, avg60: 0.18, avg300: 0.34, totalMicroseconds: 13891043),
            full: PressureLine(avg10: 0.44, avg60: 0.15, avg300: 0.24, totalMicroseconds: 9697492)))
        let memory = try root.pressure(.memory)
        #expect(memory.issues == [] && memory.some != nil && memory.full != nil)
    }

    @Test func netSNMP() throws {
        let snmp = try root.netSNMP()
        #expect(snmp.issues == [])
        #expect(Set(snmp.values.keys) == ["Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite"])
        #expect(snmp["Tcp", "MaxConn"] == -1)
        #expect(snmp["Tcp", "ActiveOpens"] == 2581)
        #expect(snmp["Tcp", "RtoMax"] == 120000)
        #expect(snmp["Udp", "RcvbufErrors"] == 0)
        #expect(snmp["Udp", "OutDatagrams"] == 225)
        #expect(snmp.values["Tcp"]?.count == 15)
    }

    @Test func netNetstat() throws {
        let netstat = try root.netNetstat()
        #expect(netstat.issues == [])
        #expect(Set(netstat.values.keys) == ["TcpExt", "IpExt", "MPTcpExt"])
        #expect(netstat["IpExt", "InOctets"] != nil)
        #expect((netstat.values["TcpExt"]?.count ?? 0) > 100)
    }

    @Test func sockStat() throws {
        let sock = try root.sockStat()
        #expect(sock.issues == [])
        #expect(sock.values == [
            "sockets": ["used": 10],
            "TCP": ["inuse": 1, "orphan": 0, "tw": 0, "alloc": 1, "mem": 154],
            "UDP": ["inuse": 0, "mem": 0],
            "UDPLITE": ["inuse": 0],
            "RAW": ["inuse": 0],
            "FRAG": ["inuse": 0, "memory": 0],
        ])
    }
}
