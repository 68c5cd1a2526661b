import ProcFS
import Testing

@Suite struct ProcStatTests {
    @Test func fourFieldOldKernel() throws {
        let stat = try Fixture.root("stat-4-fields-old-kernel").stat()
        #expect(stat.issues == [])
        #expect(stat.cpus == [
            CPUTimes(cpu: nil, user: 1000, nice: 20, system: 300, idle: 40000),
            CPUTimes(cpu: 0, user: 500, nice: 10, system: 150, idle: 20000),
            CPUTimes(cpu: 1, user: 500, nice: 10, system: 150, idle: 20000),
        ])
        #expect(stat.contextSwitches == 115315)
        #expect(stat.bootTime == 769041601)
        #expect(stat.forks == 86031)
        #expect(stat.procsRunning == nil)
        #expect(stat.procsBlocked == nil)
    }

    @Test func sevenFields() throws {
        let stat = try Fixture.root("stat-7-fields").stat()
        #expect(stat == ProcStat(
            cpus: [
                CPUTimes(cpu: nil, user: 2255, nice: 34, system: 2290, idle: 22625563, iowait: 6290, irq: 127, softirq: 456),
                CPUTimes(cpu: 0, user: 1132, nice: 34, system: 1441, idle: 11311718, iowait: 3675, irq: 127, softirq: 438),
                CPUTimes(cpu: 1, user: 1123, nice: 0, system: 849, idle: 11313845, iowait: 2614, irq: 0, softirq: 18),
            ],
            procsRunning: 1, procsBlocked: 0, forks: 2915, contextSwitches: 1990473, bootTime: 1062191376))
    }

    @Test func cpuMissing() throws {
        let stat = try Fixture.root("stat-cpu-missing").stat()
        #expect(stat.issues == [])
        #expect(stat.cpus.map(\.cpu) == [nil, 0, 2])
        #expect(stat.perCPU.map(\.user) == [100, 200])
        #expect(stat.total?.user == 300)
        #expect(stat.procsRunning == 2 && stat.procsBlocked == 1)
    }

    @Test func iowaitGoesBackwards() throws {
        let before = try Fixture.root("stat-iowait-goes-backwards", "proc0").stat()
        let after = try Fixture.root("stat-iowait-goes-backwards", "proc1").stat()
        #expect(before.issues == [] && after.issues == [])
        // Reported as printed: the counter really does decrease; consumers must not underflow.
        #expect(before.total?.iowait == 500)
        #expect(after.total?.iowait == 480)
        #expect(after.total!.user > before.total!.user)
    }

    @Test func cpuAppears() throws {
        let before = try Fixture.root("stat-cpu-appears", "proc0").stat()
        let after = try Fixture.root("stat-cpu-appears", "proc1").stat()
        #expect(before.cpus.map(\.cpu) == [nil, 0])
        #expect(after.cpus.map(\.cpu) == [nil, 0, 1])
        #expect(after.perCPU.last == CPUTimes(cpu: 1, user: 10, system: 5, idle: 50))
    }

    @Test func valueCounts() {
        let stat = ProcStat.parse(b("""
            cpu 1 2 3 4 5 6 7 8 9 10 11 12
            cpu0 1 2 3 4 5 6 7 8
            cpu1 1 2 3 4 5 6 7 8 9
            cpu2 1 2 3
            """))
        #expect(stat.cpus == [
            CPUTimes(cpu: nil, user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 8, guest: 9, guestNice: 10),
            CPUTimes(cpu: 0, user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 8),
            CPUTimes(cpu: 1, user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 8, guest: 9),
        ])
        #expect(stat.issues == [ParseIssue(line: 4, message: "cpu line has 3 values, expected at least 4; skipped")])
        #expect(stat.issues.first?.description == "line 4: cpu line has 3 values, expected at least 4; skipped")
    }

    @Test func tabsAndNoTrailingNewline() {
        let stat = ProcStat.parse(b("cpu\t1\t2\t3\t4\nctxt\t99"))
        #expect(stat.cpus == [CPUTimes(cpu: nil, user: 1, nice: 2, system: 3, idle: 4)])
        #expect(stat.contextSwitches == 99)
    }

    static let malformed: [(Input, [ParseIssue], Int)] = [
        (Input("empty", ""), [], 0),
        (Input("only newlines", "\n\n\n"), [], 0),
        (Input("garbage", "hello world\n!!!\n"), [], 0),
        (Input("truncated cpu line", "cpu 1 2"), [ParseIssue(line: 1, message: "cpu line has 2 values, expected at least 4; skipped")], 0),
        (Input("non-numeric field", "cpu 1 2 x 4\ncpu0 1 2 3 4\n"),
         [ParseIssue(line: 1, message: "cpu line field 3 'x' is not an unsigned integer; skipped")], 1),
        (Input("negative field", "cpu 1 -2 3 4\n"),
         [ParseIssue(line: 1, message: "cpu line field 2 '-2' is not an unsigned integer; skipped")], 0),
        (Input("overflow", "cpu 1 99999999999999999999999 3 4\n"),
         [ParseIssue(line: 1, message: "cpu line field 2 '99999999999999999999999' is too large for an unsigned integer; skipped")], 0),
        (Input("UInt64.max fits", "cpu 18446744073709551615 0 0 0\n"), [], 1),
        (Input("UInt64.max + 1", "cpu 18446744073709551616 0 0 0\n"),
         [ParseIssue(line: 1, message: "cpu line field 1 '18446744073709551616' is too large for an unsigned integer; skipped")], 0),
        (Input("bad cpu label", "cpux 1 2 3 4\ncpu-1 1 2 3 4\n"),
         [ParseIssue(line: 1, message: "unrecognised cpu label 'cpux'; skipped"),
          ParseIssue(line: 2, message: "unrecognised cpu label 'cpu-1'; skipped")], 0),
        (Input("NUL bytes", [0x63, 0x70, 0x75, 0x20, 0x31, 0x00, 0x20, 0x32, 0x20, 0x33, 0x20, 0x34, 0x0A]),
         [ParseIssue(line: 1, message: "cpu line field 1 '1\u{0}' is not an unsigned integer; skipped")], 0),
        (Input("key without value", "ctxt\nbtime x\n"),
         [ParseIssue(line: 1, message: "ctxt has no value; skipped"),
          ParseIssue(line: 2, message: "btime value 'x' is not an unsigned integer; skipped")], 0),
        (Input("invalid UTF-8", [0x63, 0x70, 0x75, 0xFF, 0x20, 0x31, 0x20, 0x32, 0x20, 0x33, 0x20, 0x34, 0x0A]),
         [ParseIssue(line: 1, message: "unrecognised cpu label 'cpu\u{FFFD}'; skipped")], 0),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], cpuCount: Int) {
        let stat = ProcStat.parse(input.bytes)
        #expect(stat.issues == issues)
        #expect(stat.cpus.count == cpuCount)
    }

    @Test func longIntrLineIsSkipped() {
        let intr = "intr " + Array(repeating: "12345", count: 100_000).joined(separator: " ")
        let stat = ProcStat.parse(b("cpu 1 2 3 4\n" + intr + "\nctxt 7\n"))
        #expect(stat.issues == [])
        #expect(stat.cpus.count == 1)
        #expect(stat.contextSwitches == 7)
    }
}
