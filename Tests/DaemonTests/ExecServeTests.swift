import Foundation
import RRD
import Testing
import TestSupport

/// Collector programs through the daemon: the shipped signups example over a real SQLite
/// database, Debian's Munin `load` plugin and a monitoring-plugins check.
@Suite struct ExecServeTests {
    let directory = TemporaryDirectory()

    @Test func programsLandInRRDFiles() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let database = directory.file("app.db")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [database, "create table users (id integer primary key, created_at text); insert into users (created_at) values (datetime('now')), (datetime('now')), ('2020-01-01 00:00:00');"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0, "install sqlite3")
        let config = """
            step: 1s
            http:
              listen: 127.0.0.1:0
            retention:
              - name: fine
                pattern: "**"
                tiers: [1s:1h]
                heartbeat: 10s
            exec:
              - name: signups
                path: \(root.path)/collectors/signups/signups
                protocol: plain
                timeout: 900ms
                environment: {SIGNUPS_DB: \(database)}
              - name: load
                path: /usr/share/munin/plugins/load
                protocol: munin
                timeout: 900ms
              - name: dummy
                path: /usr/lib/nagios/plugins/check_dummy
                arguments: ["1", "a warning"]
                protocol: nagios
                timeout: 900ms
            """ + listenersOff
        FileManager.default.createFile(atPath: directory.file("metrics.yaml"), contents: Data(config.utf8))
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path)
        _ = try await daemon.waitForPort()
        try await Task.sleep(for: .seconds(3.5))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        func last(_ metric: String) async throws -> Double? {
            let path = directory.path + "/data/" + metric.replacingOccurrences(of: ".", with: "/") + ".rrd"
            guard FileManager.default.fileExists(atPath: path) else {
                Issue.record("\(metric) was not written:\n\(daemon.log)")
                return nil
            }
            return try await RRDEngine.shared.lastUpdate(path).values["value"] ?? nil
        }
        #expect(try await last("signups.last_hour") == 2)
        #expect(try await last("signups.total") == 3)
        #expect(try await last("exec.signups.up") == 1)
        #expect(try await last("munin.load.load") != nil)
        #expect(try await last("check.dummy.status") == 1, "WARNING is status 1")
        #expect(try await last("check.dummy.exit_status") == 1)
    }
}
