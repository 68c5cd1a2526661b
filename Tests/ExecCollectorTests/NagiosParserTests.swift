@testable import Collectors
import MetricStore
import Testing

@Suite struct NagiosParserTests {
    let time = 1_700_000_000

    @Test(arguments: [
        ("time=0.5s", 0.5, "s", MetricKind.gauge),
        ("time=250ms", 0.25, "s", .gauge),
        ("time=1500us", 0.0015, "s", .gauge),
        ("used=80%", 80, "%", .gauge),
        ("size=512B", 512, "B", .gauge),
        ("size=2KB", 2_048, "B", .gauge),
        ("size=3MB", 3_145_728, "B", .gauge),
        ("size=1GB", 1_073_741_824, "B", .gauge),
        ("size=1TB", 1_099_511_627_776, "B", .gauge),
        ("packets=1234c", 1_234, "", .counter),
        ("plain=-4.5", -4.5, "", .gauge),
        ("exp=1.5e3", 1_500, "", .gauge),
        ("exps=2e-3s", 0.002, "s", .gauge),
    ])
    func unitsBecomeBaseUnits(item: String, value: Double, unit: String, kind: MetricKind) throws {
        var issues: [String] = []
        let parsed = NagiosPerfdata.parse(item[...], issues: &issues)
        #expect(issues == [])
        let first = try #require(parsed.first)
        #expect(abs(first.value! - value) < 1e-9 * max(1, abs(value)))
        #expect(first.unit == unit)
        #expect(first.kind == kind)
    }

    @Test func quotedLabelsThresholdsAndLimits() {
        var issues: [String] = []
        let items = NagiosPerfdata.parse("'in use'=5MB;10;20;0;100 'it''s'=1 load1=0.860;5.000;10.000;0; free=U;;;0;", issues: &issues)
        #expect(issues == [])
        #expect(items.map(\.label) == ["in use", "it's", "load1", "free"])
        #expect(items[0].warn == 10 * 1_048_576 && items[0].crit == 20 * 1_048_576)
        #expect(items[0].min == 0 && items[0].max == 100 * 1_048_576)
        #expect(items[2].warn == 5 && items[2].crit == 10 && items[2].max == nil)
        #expect(items[3].value == nil, "U is unknown")
    }

    @Test func rangeThresholdsAreNotStoredAsNumbers() {
        var issues: [String] = []
        let items = NagiosPerfdata.parse("t=5;10:;@5:8;;", issues: &issues)
        #expect(items.first?.warn == nil && items.first?.crit == nil)
        #expect(issues == [])
    }

    @Test(arguments: [
        ("t=5parsecs", "unit 'parsecs'"),
        ("t=abc", "unit 'abc'"),
        ("'unterminated=5", "has no 'label=value'"),
        ("novalue", "has no 'label=value'"),
        ("t=1,5s", "unit ',5s'"),
    ])
    func badItemsAreSaid(item: String, reason: String) {
        var issues: [String] = []
        _ = NagiosPerfdata.parse(item[...], issues: &issues)
        #expect(issues.first?.contains(reason) == true, "\(issues)")
    }

    @Test func statusMessageAndPerfdataOnLaterLines() {
        let text = """
        DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968
        / 15272 MB (77%);
        /boot 68 MB (69%); | /boot=68MB;88;93;0;98
        /home=69357MB;253404;253409;0;253414
        """
        let result = NagiosOutput.parse(text, exitStatus: 0, prefix: "check.disk", time: time)
        #expect(result.state == .ok)
        #expect(result.message == "DISK OK - free space: / 3326 MB (56%);")
        let samples = byName(result.output.samples)
        #expect(samples["check.disk.status"]?.value == 0)
        #expect(samples["check.disk._"]?.value == 2_643.0 * 1_048_576)
        #expect(samples["check.disk._.warn"]?.value == 5_948.0 * 1_048_576)
        #expect(samples["check.disk._boot"]?.value == 68.0 * 1_048_576)
        #expect(samples["check.disk._home"]?.value == 69_357.0 * 1_048_576)
        #expect(result.output.issues == [])
    }

    @Test(arguments: [(Int32(0), NagiosOutput.State.ok), (1, .warning), (2, .critical), (3, .unknown), (4, .unknown), (127, .unknown)])
    func exitStatusIsTheState(status: Int32, state: NagiosOutput.State) {
        let result = NagiosOutput.parse("whatever", exitStatus: status, prefix: "c", time: time)
        #expect(result.state == state)
        #expect(byName(result.output.samples)["c.status"]?.value == Double(state.rawValue))
    }

    @Test func labelsThatCollideAfterSanitizingKeepTheFirst() {
        let result = NagiosOutput.parse("OK | '/'=1 '_'=2 status=3", exitStatus: 0, prefix: "c", time: time)
        let samples = byName(result.output.samples)
        #expect(samples["c._"]?.value == 1)
        #expect(samples["c.status"]?.value == 0, "the plugin cannot overwrite the status")
        #expect(result.output.issues.count == 2)
    }
}

@Suite struct ProtocolDetectionTests {
    @Test(arguments: [
        ("load.value 0.5\n", Int32(0), ExecProtocol.munin),
        ("multigraph x\na.value 1", 0, .munin),
        ("\n\nuser.value U", 0, .munin),
        ("load.value 1700000000:3", 0, .munin),
        ("OK - all fine", 0, .nagios),
        ("CRITICAL: boom", 2, .nagios),
        ("LOAD OK - total load average: 0.86|load1=0.860;5;10;0;", 0, .nagios),
        ("HTTP WARNING: slow", 1, .nagios),
        ("x | y=1", 3, .nagios),
        ("OK - fine", 5, .plain),
        ("users 5", 0, .plain),
        ("a.b.value 5", 0, .plain),
        ("load.value 5 1700000000", 0, .plain),
        ("connect to address 127.0.0.1 and port 1: Connection refused", 2, .plain),
        ("", 0, .plain),
    ])
    func detects(output: String, exitStatus: Int32, expected: ExecProtocol) {
        #expect(ExecProtocolDetection.detect(stdout: output, exitStatus: exitStatus) == expected)
    }
}
