@testable import Collectors
import Foundation
import MetricStore
import Testing
import TestSupport

/// Debian's own Munin plugins (munin-plugins-core, which munin-node depends on), run for real.
@Suite struct MuninPluginTests {
    func collect(_ plugin: String, protocol: ExecProtocol = .munin, logs: CapturedLogs = CapturedLogs()) async throws -> [String: Sample] {
        let program = ExecProgram(name: plugin, path: try muninPlugin(plugin), timeoutSeconds: 20, protocol: `protocol`)
        let samples = byName(try await ExecCollector(program: program, logger: logs.logger).collect(at: now()))
        #expect(samples["munin.\(plugin).up"]?.value == 1, "\(logs.messages)")
        #expect(samples["munin.\(plugin).exit_status"]?.value == 0)
        return samples
    }

    @Test func loadIsAGauge() async throws {
        let samples = try await collect("load")
        let load = try #require(samples["munin.load.load"])
        #expect(load.kind == .gauge)
        #expect(load.value >= 0)
    }

    @Test func cpuIsCountersFromItsDeriveFields() async throws {
        let samples = try await collect("cpu")
        for field in ["user", "system", "idle"] {
            #expect(samples["munin.cpu.\(field)"]?.kind == .counter, "cpu \(field) is DERIVE")
        }
        #expect((samples["munin.cpu.idle"]?.value ?? 0) > 0)
    }

    @Test func memoryAndUptimeAreGauges() async throws {
        let memory = try await collect("memory")
        #expect(memory["munin.memory.free"]?.kind == .gauge)
        #expect((memory["munin.memory.free"]?.value ?? 0) > 0)
        let uptime = try await collect("uptime")
        #expect(uptime["munin.uptime.uptime"]?.kind == .gauge)
    }

    @Test func dfFieldNamesAreMountDerived() async throws {
        let samples = try await collect("df")
        let percents = samples.filter { !$0.key.hasSuffix(".up") && !$0.key.hasSuffix(".exit_status") }
        #expect(!percents.isEmpty)
        #expect(percents.values.allSatisfy { (0...100).contains($0.value) && $0.kind == .gauge })
    }

    /// buddyinfo prints several graphs (multigraph) when told it may, as munin-node tells it.
    @Test func buddyinfoMultigraphSections() async throws {
        let samples = try await collect("buddyinfo")
        #expect(samples["munin.buddyinfo.order0"]?.kind == .gauge)
        #expect(samples.keys.contains { $0.hasPrefix("munin.buddyinfo.Node_0") && $0.hasSuffix(".order0") }, "\(samples.keys.sorted())")
    }

    @Test func autoRecognisesAPlugin() async throws {
        let samples = try await collect("load", protocol: .auto)
        #expect(samples["munin.load.load"]?.kind == .gauge)
    }

    /// The config is fetched once, then again when the plugin's fields change.
    @Test func configIsCachedUntilTheFieldsChange() async throws {
        let directory = TemporaryDirectory()
        let fields = directory.file("fields")
        try "a".write(toFile: fields, atomically: true, encoding: .utf8)
        let path = try directory.script("fake", """
        if [ "${1:-}" = config ]; then
            echo config >> "\(directory.file("config-runs"))"
            echo 'graph_title Fake'
            echo 'a.label a'; echo 'a.type DERIVE'
            echo 'b.label b'; echo 'b.type ABSOLUTE'
            exit 0
        fi
        [ -d "$MUNIN_PLUGSTATE" ] && echo 'has_state.value 1'
        for field in $(cat "\(fields)"); do echo "$field.value 5"; done
        """)
        let collector = ExecCollector(program: ExecProgram(name: "fake", path: path, timeoutSeconds: 60, protocol: .munin), logger: CapturedLogs().logger)
        func configRuns() -> Int { ((try? String(contentsOfFile: directory.file("config-runs"), encoding: .utf8)) ?? "").split(separator: "\n").count }

        let first = byName(try await collector.collect(at: now()))
        #expect(first["munin.fake.a"]?.kind == .counter)
        #expect(first["munin.fake.has_state"]?.value == 1)
        _ = try await collector.collect(at: now() + 10)
        #expect(configRuns() == 1)

        try "a b".write(toFile: fields, atomically: true, encoding: .utf8)
        let changed = byName(try await collector.collect(at: now() + 20))
        #expect(configRuns() == 2)
        #expect(changed["munin.fake.b"]?.kind == .absolute)
    }

    @Test func aFailingConfigLeavesGaugesAndIsSaid() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("noconf", """
        [ "${1:-}" = config ] && { echo 'no config here' >&2; exit 1; }
        echo 'x.value 3'
        """)
        let logs = CapturedLogs()
        let samples = byName(try await ExecCollector(program: ExecProgram(name: "noconf", path: path, timeoutSeconds: 60, protocol: .munin), logger: logs.logger).collect(at: now()))
        #expect(samples["munin.noconf.x"]?.kind == .gauge)
        #expect(samples["munin.noconf.up"]?.value == 1)
        #expect(logs.count(containing: "exited with status 1: no config here") == 1)
    }
}
