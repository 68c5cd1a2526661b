import Curl
import Foundation
import MetricStore
import RRD
import Testing
import TestSupport

/// `metrics serve` as a real process on a temporary data directory and a free port.
@Suite(.serialized) struct ServeTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()

    func writeConfig(_ text: String, name: String = "metrics.yaml") -> String {
        let path = directory.path + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data((text + listenersOff).utf8))
        return path
    }

    func get(_ port: Int, _ path: String) async throws -> (Int, String) {
        let response = try await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)\(path)"))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func writesItsOwnHealthEveryStepAnswersHealthzAndStopsCleanly() async throws {
        let config = writeConfig("step: 1s\nhttp:\n  listen: 127.0.0.1:0\n")
        let daemon = try DaemonProcess(["serve", "--config", config], directory: directory.path)
        let port = try await daemon.waitForPort()
        #expect(try await get(port, "/healthz") == (200, "ok\n"))

        try await Task.sleep(for: .seconds(3.5))
        let uptime = directory.path + "/data/metrics/self/uptime.rrd"
        #expect(FileManager.default.fileExists(atPath: uptime), "no health metrics written:\n\(daemon.log)")
        let (status, exposition) = try await get(port, "/metrics")
        #expect(status == 200)
        #expect(exposition.contains("# TYPE metrics_samples_written_total counter"))
        #expect(exposition.contains("\nmetrics_store_queued_points 0\n"), "local files queue nothing")
        let written = exposition.split(separator: "\n").first { $0.hasPrefix("metrics_samples_written_total ") }
        #expect((written.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) >= 7, "\(exposition)")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let log = daemon.log
        #expect(log.contains("final flush done"))
        #expect(log.contains("refused=0 pending=0"), "\(log)")
        // Every tick was written: the steps stored equal the ticks accepted.
        let accepted = Int(log.split(separator: "accepted=")[1].prefix { $0.isNumber })!
        let writtenAtExit = Int(log.split(separator: "written=")[1].prefix { $0.isNumber })!
        #expect(accepted == writtenAtExit)
        #expect(accepted >= 21)
        let last = try await RRDEngine.shared.lastUpdate(uptime)
        #expect(abs(last.time - Int(Date().timeIntervalSince1970)) < 5)
        #expect(!log.contains("late"), "duplicate ticks: \(log)")

        let listed = try await runMetrics(["list", "metrics.self.*", "--data-dir", "data"], in: directory.path)
        #expect(listed.status == 0)
        #expect(listed.out.contains("metrics.self.uptime"))
        #expect(listed.out.contains("metrics.self.samples_written"))
    }

    /// The default configuration on this machine's real /proc: every host collector's files exist
    /// and are updated within two steps (CPU percentages need two readings).
    @Test func defaultCollectorsWriteEveryHostSeriesWithinTwoSteps() async throws {
        let config = writeConfig("step: 1s\nhttp:\n  listen: 127.0.0.1:0\n")
        let daemon = try DaemonProcess(["serve", "--config", config], directory: directory.path)
        _ = try await daemon.waitForPort()
        try await Task.sleep(for: .seconds(3.2))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let data = directory.path + "/data"
        var expected = ["host/cpu/total/user", "host/cpu/0/idle", "host/memory/available", "host/load/1", "host/processes/forks",
                        "host/uptime", "host/fs/root/used", "host/vmstat/pgfault", "host/tcp/active_opens", "host/udp/rcvbuf_errors",
                        "host/sockets/used", "collector/cpu/success", "collector/filesystem/duration"]
        if FileManager.default.fileExists(atPath: "/proc/pressure/io") { expected.append("host/pressure/io/some") }
        let now = Int(Date().timeIntervalSince1970)
        for file in expected {
            let path = "\(data)/\(file).rrd"
            #expect(FileManager.default.fileExists(atPath: path), "\(file) missing:\n\(daemon.log)")
            if FileManager.default.fileExists(atPath: path) {
                let last = try await RRDEngine.shared.lastUpdate(path)
                #expect(now - last.time <= 3, "\(file) last updated \(now - last.time) s ago")
            }
        }
        let interfaces = try FileManager.default.contentsOfDirectory(atPath: data + "/host/net")
        #expect(!interfaces.isEmpty)
        #expect(!interfaces.contains("lo"), "loopback is off by default")
        let disks = try FileManager.default.contentsOfDirectory(atPath: data + "/host/disk")
        #expect(!disks.isEmpty)
        let listed = try await runMetrics(["list", "collector.*.success", "--data-dir", "data"], in: directory.path)
        #expect(listed.out.split(separator: "\n").count == 12, "header, self, agents (of a central) and nine host collectors:\n\(listed.out)")
        #expect(!listed.out.contains(" 0\n"), "a collector failed:\n\(listed.out)\n\(daemon.log)")
    }

    @Test func sighupReloadsOrKeepsTheRunningConfiguration() async throws {
        let config = writeConfig("step: 1s\nhttp:\n  listen: 127.0.0.1:0\n")
        let daemon = try DaemonProcess(["serve", "--config", config], directory: directory.path)
        let port = try await daemon.waitForPort()

        _ = writeConfig("step: often\nhttp:\n  listen: 127.0.0.1:0\n")
        daemon.signal(SIGHUP)
        try await daemon.waitFor("keeping the running configuration")
        #expect(daemon.log.contains("metrics.yaml:1:7: step: expected a duration"))
        #expect(try await get(port, "/healthz").0 == 200)

        _ = writeConfig("step: 2s\nhttp:\n  listen: 127.0.0.1:0\nstorage:\n  max_metrics: 50\n")
        daemon.signal(SIGHUP)
        try await daemon.waitFor("configuration reloaded")
        #expect(daemon.log.contains("step changed; restart the daemon"))
        #expect(try await get(port, "/healthz").0 == 200)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func badConfigurationStopsServeWithLineNumbers() async throws {
        let config = writeConfig("step: 10s\nstorage:\n  max_metric: 5\n", name: "bad.yaml")
        let result = try await runMetrics(["serve", "--config", config], in: directory.path)
        #expect(result.status == 2)
        #expect(result.err.contains("bad.yaml:3:3: storage.max_metric: unknown key"))
    }

    @Test func portInUseIsAClearErrorNotAHang() async throws {
        let first = try DaemonProcess(["serve", "--listen", "127.0.0.1:0", "--data-dir", "one", "--config", quietConfig(in: directory.path)], directory: directory.path)
        let port = try await first.waitForPort()
        let second = try DaemonProcess(["serve", "--listen", "127.0.0.1:\(port)", "--data-dir", "two", "--config", quietConfig(in: directory.path)], directory: directory.path)
        let status = try await second.waitForExit(timeout: 10)
        #expect(status != 0)
        #expect(second.log.lowercased().contains("address already in use"), "\(second.log)")
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
    }
}

@Suite struct CommandLineTests {
    let directory = TemporaryDirectory()

    @Test func checkAcceptsTheShippedConfiguration() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try await runMetrics(["check", "--config", root.appendingPathComponent("etc/metrics.yaml").path], in: directory.path)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("OK"))
        #expect(result.out.contains("per metric"))
    }

    @Test func checkReportsEachProblemWithItsLine() async throws {
        let path = directory.path + "/bad.yaml"
        FileManager.default.createFile(atPath: path, contents: Data("step: ten\nhttp:\n  listen: nowhere\nfoo: 1\n".utf8))
        let result = try await runMetrics(["check", "--config", path], in: directory.path)
        #expect(result.status == 1)
        #expect(result.err.contains("bad.yaml:1:7: step:"))
        #expect(result.err.contains("bad.yaml:3:11: http.listen:"))
        #expect(result.err.contains("bad.yaml:4:1: foo: unknown key"))
        #expect(result.err.contains("3 problems"))
    }

    @Test func listExplainsAMissingDataDirectoryAndABadPattern() async throws {
        let missing = try await runMetrics(["list", "--data-dir", "nowhere"], in: directory.path)
        #expect(missing.status != 0)
        #expect(missing.err.contains("does not exist"))
        let badPattern = try await runMetrics(["list", "host/cpu", "--data-dir", "."], in: directory.path)
        #expect(badPattern.status != 0)
        #expect(badPattern.err.contains("'/'"))
    }

    @Test func helpReadsWell() async throws {
        let help = try await runMetrics(["--help"], in: directory.path)
        #expect(help.status == 0)
        for command in ["serve", "check", "list"] { #expect(help.out.contains(command)) }
        let serveHelp = try await runMetrics(["serve", "--help"], in: directory.path)
        #expect(serveHelp.out.contains("SIGTERM"))
        #expect(serveHelp.out.contains("--config"))
    }
}
