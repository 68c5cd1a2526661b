@testable import Collectors
import MetricStore
import Testing

@Suite struct MuninParserTests {
    let time = 1_700_000_000

    /// Recorded from Debian 12's `cpu` plugin, shortened.
    let cpuConfig = """
    graph_title CPU usage
    graph_order system user idle
    graph_args --base 1000 -r --lower-limit 0 --upper-limit 200
    graph_category system
    system.label system
    system.draw AREA
    system.min 0
    system.type DERIVE
    user.label user
    user.type DERIVE
    user.min 0
    idle.label idle
    idle.type COUNTER
    idle.max 1000000
    """

    @Test func configGivesTitleLabelsKindsAndLimits() {
        let config = MuninConfig.parse(cpuConfig)
        #expect(config.issues == [])
        #expect(config.graphs[""]?.title == "CPU usage")
        #expect(config.field("system", in: "") == MuninConfig.Field(label: "system", kind: .counter, min: 0))
        #expect(config.field("idle", in: "") == MuninConfig.Field(label: "idle", kind: .counter, max: 1_000_000))
    }

    @Test(arguments: [("GAUGE", MetricKind.gauge), ("COUNTER", .counter), ("DERIVE", .counter), ("ABSOLUTE", .absolute), ("derive", .counter)])
    func types(type: String, kind: MetricKind) {
        #expect(MuninConfig.parse("x.label x\nx.type \(type)").field("x", in: "")?.kind == kind)
    }

    @Test func anUnknownTypeIsAGaugeAndSaid() {
        let config = MuninConfig.parse("x.type FANCY\nnonsense")
        #expect(config.field("x", in: "")?.kind == .gauge)
        #expect(config.issues.count == 2)
    }

    @Test func valuesAreNamedAndTypedByTheConfig() {
        let values = MuninOutput.parse("system.value 120\nuser.value 3000\nidle.value U\nsteal.value 4\n",
                                       config: MuninConfig.parse(cpuConfig), prefix: "munin.cpu", plugin: ["cpu"], time: time)
        let samples = byName(values.output.samples)
        #expect(values.output.issues == [])
        #expect(Set(samples.keys) == ["munin.cpu.system", "munin.cpu.user", "munin.cpu.steal"], "U is unknown: skipped")
        #expect(samples["munin.cpu.system"]?.kind == .counter)
        #expect(samples["munin.cpu.steal"]?.kind == .gauge, "a field the config does not describe")
        #expect(values.output.series.first { $0.name.rawValue == "munin.cpu.system" }?.min == 0)
        #expect(values.fieldKeys == ["/system", "/user", "/idle", "/steal"])
    }

    @Test func oddFieldNamesAreSanitizedAndBadLinesSaid() {
        let text = "_dev_vda.value 18.87\nfunny name.value 1\nweird$field.value 2\nx.value nan\nx.value\nlonely 3\ny.value 1700000000:5"
        let output = MuninOutput.parse(text, config: MuninConfig(), prefix: "munin.df", plugin: ["df"], time: time).output
        let samples = byName(output.samples)
        #expect(Set(samples.keys) == ["munin.df._dev_vda", "munin.df.weird_field", "munin.df.y"])
        #expect(samples["munin.df.y"]?.time == 1_700_000_000)
        #expect(output.issues.count == 4, "\(output.issues)")
    }

    @Test func multigraphSectionsBecomeSegments() {
        let config = MuninConfig.parse("""
        multigraph buddyinfo
        graph_title Memory fragmentation
        order0.type GAUGE
        multigraph buddyinfo.Node_0__zone_DMA
        graph_title DMA
        order0.type DERIVE
        multigraph other graph
        a.type ABSOLUTE
        """)
        #expect(config.graphs["buddyinfo"]?.title == "Memory fragmentation")
        let text = """
        multigraph buddyinfo
        order0.value 3
        multigraph buddyinfo.Node_0__zone_DMA
        order0.value 0
        multigraph other
        a.value 1
        """
        let samples = byName(MuninOutput.parse(text, config: config, prefix: "munin.buddy", plugin: ["buddy", "buddyinfo"], time: time).output.samples)
        #expect(samples["munin.buddy.order0"]?.kind == .gauge)
        #expect(samples["munin.buddy.Node_0__zone_DMA.order0"]?.kind == .counter)
        #expect(samples["munin.buddy.other.a"]?.kind == .gauge, "'multigraph other graph' in the config is another name")
    }
}
