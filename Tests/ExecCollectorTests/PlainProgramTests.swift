@testable import Collectors
import Foundation
import MetricStore
import Testing
import TestSupport

@Suite struct PlainProgramTests {
    @Test func aScriptsLinesBecomeSamplesAndBadLinesAreSaidOnce() async throws {
        let directory = TemporaryDirectory()
        let stamp = now() - 30
        let path = try directory.script("app", """
        echo '# TYPE requests counter'
        echo 'requests 10'
        echo 'temp -3.5'
        echo 'biz.orders 7 \(stamp)'
        echo 'future 1 \(now() + 3_600)'
        echo 'this is not a metric'
        echo 'ratio nan'
        echo 'exit_status 5'
        """)
        let logs = CapturedLogs()
        let collector = ExecCollector(program: ExecProgram(name: "app", path: path, timeoutSeconds: 60, protocol: .plain), logger: logs.logger)
        #expect(collector.id == "exec.app")
        let time = now()
        let samples = byName(try await collector.collect(at: time))
        #expect(samples["exec.app.requests"]?.kind == .counter)
        #expect(samples["exec.app.requests"]?.value == 10)
        #expect(samples["exec.app.temp"]?.value == -3.5)
        #expect(samples["exec.app.temp"]?.kind == .gauge)
        #expect(samples["biz.orders"]?.time == stamp)
        #expect(samples["exec.app.future"]?.time == time)
        #expect(samples["exec.app.exit_status"]?.value == 0, "the collector's own, not the program's 5")
        #expect(samples["exec.app.up"]?.value == 1)
        #expect(samples.count == 6)

        _ = try await collector.collect(at: time + 10)
        #expect(logs.count(containing: "'this is not a metric'") == 1)
        #expect(logs.count(containing: "'nan' is not a decimal number") == 1)
        #expect(logs.count(containing: "more than 60 s ahead") == 1)
        #expect(logs.count(containing: "recorded by the collector itself") == 1)
    }

    @Test func declaredSeriesComeFromARun() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("two", "echo 'a 1'; echo '# TYPE b counter'; echo 'b 2'")
        let collector = ExecCollector(program: ExecProgram(name: "two", path: path, timeoutSeconds: 60), logger: CapturedLogs().logger)
        let series = try await collector.declaredSeries()
        #expect(series.map(\.name.rawValue) == ["exec.two.a", "exec.two.b", "exec.two.exit_status", "exec.two.up"])
        #expect(series[1].kind == .counter)
    }

    @Test func theEnvironmentIsMinimalPlusTheConfiguredVariables() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("env", """
        [ "$LANG" = C ] && echo 'lang_c 1'
        [ -n "$PATH" ] && echo 'has_path 1'
        echo "custom $CUSTOM"
        echo "argc $#"
        echo "first_arg $1"
        """)
        let program = ExecProgram(name: "env", path: path, arguments: ["42", "two words"], environment: ["CUSTOM": "7"], timeoutSeconds: 60, protocol: .plain)
        let samples = byName(try await ExecCollector(program: program, logger: CapturedLogs().logger).collect(at: now()))
        #expect(samples["exec.env.lang_c"]?.value == 1)
        #expect(samples["exec.env.has_path"]?.value == 1)
        #expect(samples["exec.env.custom"]?.value == 7)
        #expect(samples["exec.env.argc"]?.value == 2)
        #expect(samples["exec.env.first_arg"]?.value == 42)

        // Nothing of the daemon's own environment (HOME, credentials in variables) is passed on.
        let env = try ExecRunner.run(.init(path: "/usr/bin/env", arguments: [], environment: ChildProcess.baseEnvironment.merging(["CUSTOM": "7"]) { $1 },
                                           timeoutSeconds: 5, maxOutputBytes: 10_000))
        let names = Set(env.stdoutText.split(separator: "\n").map { String($0.prefix { $0 != "=" }) })
        #expect(names == ["PATH", "LANG", "CUSTOM"])
    }

    @Test func theProgramGetsNoDescriptorButItsStandardOnes() async throws {
        // A descriptor the daemon opened without close-on-exec.
        let opened = open("/dev/null", O_RDONLY)
        let leaked = dup2(opened, 900)
        close(opened)
        defer { close(leaked) }
        #expect(leaked == 900)
        let directory = TemporaryDirectory()
        let path = try directory.script("fds", "exec /bin/ls /proc/self/fd")
        let result = try ExecRunner.run(.init(path: path, arguments: [], environment: ChildProcess.baseEnvironment, timeoutSeconds: 5, maxOutputBytes: 1_000))
        // ls itself opens one descriptor to read the directory.
        let fds = result.stdoutText.split(separator: "\n").compactMap { Int($0) }
        #expect(fds.count <= 4, "\(fds)")
        #expect(!fds.contains(Int(leaked)))
    }

    @Test func optionsValidate() {
        #expect(throws: ExecProgramError.badName("a.b")) { try ExecProgram(name: "a.b", path: "/bin/true").validate() }
        #expect(throws: ExecProgramError.pathNotAbsolute("bin/true")) { try ExecProgram(name: "a", path: "bin/true").validate() }
        #expect(throws: ExecProgramError.badEnvironmentName("A=B")) { try ExecProgram(name: "a", path: "/bin/true", environment: ["A=B": "1"]).validate() }
        #expect(throws: (any Error).self) { try ExecProgram(name: "a", path: "/bin/true", prefix: "bad..prefix").validate() }
        #expect(throws: Never.self) { try ExecProgram(name: "a", path: "/bin/true", prefix: "biz.a").validate() }
        #expect(ExecProgram(name: "a", path: "/x", interval: 60).timeoutSeconds == 58)
        #expect(ExecProgram(name: "a", path: "/x").timeoutSeconds == 8)
        #expect(ExecProgram(name: "a", path: "/x", interval: 2).timeoutSeconds == 1)
        #expect(ExecProgram(name: "a", path: "/x", timeoutSeconds: 60, protocol: .munin).prefix(for: .munin) == "munin.a")
        #expect(ExecProgram(name: "a", path: "/x").prefix(for: .nagios) == "check.a")
        #expect(ExecProgram(name: "a", path: "/x", prefix: "biz").prefix(for: .nagios) == "biz")
    }
}
