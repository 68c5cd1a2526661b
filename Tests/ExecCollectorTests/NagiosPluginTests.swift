@testable import Collectors
import Foundation
import Hummingbird
import MetricStore
import Testing
import TestSupport

/// Debian's monitoring-plugins-basic checks, run for real.
@Suite struct NagiosPluginTests {
    func check(_ plugin: String, _ arguments: [String], protocol: ExecProtocol = .nagios, logs: CapturedLogs = CapturedLogs()) async throws -> [String: Sample] {
        let program = ExecProgram(name: plugin, path: try nagiosPlugin(plugin), arguments: arguments, timeoutSeconds: 15, protocol: `protocol`)
        return byName(try await ExecCollector(program: program, logger: logs.logger).collect(at: now()))
    }

    @Test func checkLoad() async throws {
        let samples = try await check("check_load", ["-w", "500,400,300", "-c", "1000,800,600"])
        #expect(samples["check.check_load.status"]?.value == 0)
        #expect(samples["check.check_load.up"]?.value == 1)
        #expect(samples["check.check_load.load1"]?.kind == .gauge)
        #expect(samples["check.check_load.load1.warn"]?.value == 500)
        #expect(samples["check.check_load.load15.crit"]?.value == 600)
    }

    @Test func checkLoadWithTheBriefsThresholds() async throws {
        let samples = try await check("check_load", ["-w", "5,4,3", "-c", "10,8,6"])
        let status = try #require(samples["check.check_load.status"]?.value)
        #expect((0...2).contains(status))
        #expect(samples["check.check_load.load5"] != nil)
    }

    @Test func checkDiskInBytes() async throws {
        let samples = try await check("check_disk", ["-w", "10%", "-c", "5%", "-p", "/"])
        let used = try #require(samples["check.check_disk._"], "\(samples.keys.sorted())")
        var info = statvfs()
        statvfs("/", &info)
        let size = Double(info.f_blocks) * Double(info.f_frsize)
        // check_disk prints bytes (B) or MiB (MB) depending on version: both land in bytes.
        #expect(used.value > 0 && used.value <= size)
        #expect(samples["check.check_disk.status"] != nil)
    }

    @Test func checkDummyCriticalIsLoggedOnChange() async throws {
        let logs = CapturedLogs()
        let program = ExecProgram(name: "dummy", path: try nagiosPlugin("check_dummy"), arguments: ["2", "boom"], timeoutSeconds: 60, protocol: .nagios)
        let collector = ExecCollector(program: program, logger: logs.logger)
        let samples = byName(try await collector.collect(at: now()))
        #expect(samples["check.dummy.status"]?.value == 2)
        #expect(samples["check.dummy.exit_status"]?.value == 2)
        #expect(samples["check.dummy.up"]?.value == 1, "a CRITICAL check still ran fine")
        _ = try await collector.collect(at: now() + 10)
        #expect(logs.count(containing: "check dummy: now CRITICAL: CRITICAL: boom") == 1)
    }

    @Test func autoRecognisesACheck() async throws {
        let samples = try await check("check_dummy", ["1", "slow"], protocol: .auto)
        #expect(samples["check.check_dummy.status"]?.value == 1)
    }

    @Test func checkTCPToAClosedPortIsCritical() async throws {
        let samples = try await check("check_tcp", ["-H", "127.0.0.1", "-p", "1"])
        #expect(samples["check.check_tcp.status"]?.value == 2)
    }

    @Test func checkHTTPAgainstALocalServer() async throws {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        let port = try await LocalServer.start(router)
        let samples = try await check("check_http", ["-H", "127.0.0.1", "-p", "\(port)", "-u", "/health", "-s", "ok"])
        #expect(samples["check.check_http.status"]?.value == 0)
        let time = try #require(samples["check.check_http.time"], "\(samples.keys.sorted())")
        #expect(time.value >= 0 && time.value < 5)
        #expect((samples["check.check_http.size"]?.value ?? 0) > 0)

        let wrong = try await check("check_http", ["-H", "127.0.0.1", "-p", "\(port)", "-u", "/health", "-s", "nope"])
        #expect(wrong["check.check_http.status"]?.value == 2)
    }
}
