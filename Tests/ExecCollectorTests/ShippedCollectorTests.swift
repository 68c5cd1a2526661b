@testable import Collectors
import Foundation
import MetricStore
import Testing
import TestSupport

/// The collector programs under collectors/, run as the daemon runs them.
@Suite struct ShippedCollectorTests {
    let signups = repositoryRoot + "/collectors/signups/signups"
    let uploads = repositoryRoot + "/collectors/uploads/uploads"

    func sqlite(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try require("/usr/bin/sqlite3", from: "sqlite3"))
        process.arguments = [database, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func run(_ path: String, _ environment: [String: String], logs: CapturedLogs = CapturedLogs()) async throws -> [String: Sample] {
        let name = (path as NSString).lastPathComponent
        let program = ExecProgram(name: name, path: path, environment: environment, interval: 60, timeoutSeconds: 10, protocol: .plain)
        return byName(try await ExecCollector(program: program, logger: logs.logger).collect(at: now()))
    }

    @Test func signupsCountsRowsAndTheLastHour() async throws {
        let directory = TemporaryDirectory()
        let database = directory.file("app db.sqlite")
        try sqlite(database, """
        CREATE TABLE users (id INTEGER PRIMARY KEY, created_at TEXT);
        INSERT INTO users (created_at) VALUES (datetime('now')), (datetime('now', '-10 minutes')),
            (strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-20 minutes')), (datetime('now', '-2 hours')), ('not a date');
        CREATE TABLE accounts (joined INTEGER);
        INSERT INTO accounts VALUES (strftime('%s', 'now')), (strftime('%s', 'now', '-3 hours'));
        """)
        let samples = try await run(signups, ["SIGNUPS_DB": database])
        #expect(samples["signups.total"]?.value == 5)
        #expect(samples["signups.total"]?.kind == .counter)
        #expect(samples["signups.last_hour"]?.value == 3)
        #expect(samples["signups.last_hour"]?.kind == .gauge)
        #expect(samples["exec.signups.up"]?.value == 1)

        let epochs = try await run(signups, ["SIGNUPS_DB": database, "SIGNUPS_TABLE": "accounts", "SIGNUPS_TIME_COLUMN": "joined"])
        #expect(epochs["signups.total"]?.value == 2)
        #expect(epochs["signups.last_hour"]?.value == 1)
    }

    @Test(arguments: [
        (["SIGNUPS_TABLE": "users; DROP TABLE users"], "is not a plain name"),
        (["SIGNUPS_TIME_COLUMN": "created_at\"--"], "is not a plain name"),
        (["SIGNUPS_TABLE": "missing"], "has no table 'missing'"),
        (["SIGNUPS_TIME_COLUMN": "typo"], "has no column 'typo'"),
    ])
    func signupsRefusesBadNames(environment: [String: String], message: String) async throws {
        let directory = TemporaryDirectory()
        let database = directory.file("app.db")
        try sqlite(database, "CREATE TABLE users (id INTEGER PRIMARY KEY, created_at TEXT);")
        let logs = CapturedLogs()
        let samples = try await run(signups, environment.merging(["SIGNUPS_DB": database]) { $1 }, logs: logs)
        #expect(samples["exec.signups.up"]?.value == 0)
        #expect(samples["exec.signups.exit_status"]?.value == 1)
        #expect(samples["signups.total"] == nil)
        #expect(logs.count(containing: message) == 1, "\(logs.messages)")
        try sqlite(database, "SELECT count(*) FROM users;") // still there
    }

    @Test func signupsWithoutADatabaseSaysWhatToSet() async throws {
        let logs = CapturedLogs()
        let samples = try await run(signups, [:], logs: logs)
        #expect(samples["exec.signups.up"]?.value == 0)
        #expect(logs.count(containing: "set SIGNUPS_DB") == 1)
    }

    @Test func uploadsCountsFilesAndBytesWithSpacesInNames() async throws {
        let directory = TemporaryDirectory()
        let root = directory.file("up loads")
        try FileManager.default.createDirectory(atPath: root + "/nested dir/deeper", withIntermediateDirectories: true)
        try Data(count: 1_000).write(to: URL(fileURLWithPath: root + "/a file.bin"))
        try Data(count: 24).write(to: URL(fileURLWithPath: root + "/nested dir/deeper/new\nline"))
        try Data(count: 0).write(to: URL(fileURLWithPath: root + "/nested dir/empty"))
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "/etc/passwd")
        let old = Date().addingTimeInterval(-3_600)
        for file in ["/a file.bin", "/nested dir/deeper/new\nline", "/nested dir/empty"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root + file)
        }
        let samples = try await run(uploads, ["UPLOADS_DIR": root])
        #expect(samples["uploads.files"]?.value == 3)
        #expect(samples["uploads.bytes"]?.value == 1_024)
        let age = try #require(samples["uploads.newest_age_seconds"]?.value)
        #expect(abs(age - 3_600) < 60)
        #expect(samples["exec.uploads.up"]?.value == 1)
    }

    @Test func uploadsOfAnEmptyDirectoryIsZero() async throws {
        let directory = TemporaryDirectory()
        let samples = try await run(uploads, ["UPLOADS_DIR": directory.path])
        #expect(samples["uploads.files"]?.value == 0)
        #expect(samples["uploads.bytes"]?.value == 0)
        #expect(samples["uploads.newest_age_seconds"] == nil)
    }

    @Test func uploadsOfAMissingDirectoryFails() async throws {
        let logs = CapturedLogs()
        let samples = try await run(uploads, ["UPLOADS_DIR": "/nonexistent/uploads"], logs: logs)
        #expect(samples["exec.uploads.up"]?.value == 0)
        #expect(samples["exec.uploads.exit_status"]?.value == 1)
        #expect(samples["uploads.files"] == nil)
        #expect(logs.count(containing: "/nonexistent/uploads does not exist or is not a directory") == 1)
    }

    @Test func theExamplesAreExecutable() {
        #expect(FileManager.default.isExecutableFile(atPath: signups))
        #expect(FileManager.default.isExecutableFile(atPath: uploads))
    }
}
