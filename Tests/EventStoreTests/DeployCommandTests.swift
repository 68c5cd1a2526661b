import Foundation
import TestSupport
import Testing
@testable import EventStore

/// `metrics deploy` and `metrics deploys` run as the built binary.
@Suite struct DeployCommandTests {
    let directory = TemporaryDirectory()
    var dataDir: [String] { ["--data-dir", directory.path] }

    func listJSON(_ arguments: [String]) async throws -> (status: Int32, events: [Event], err: String) {
        let result = try await MetricsBinary.run(["deploys", "--format", "json"] + arguments + dataDir)
        return (result.status, try JSONDecoder().decode([Event].self, from: Data(result.out.utf8)), result.err)
    }

    @Test func recordsWithDefaultsAndListsAsJSON() async throws {
        let recorded = try await MetricsBinary.run(["deploy", "web v1.4.2", "--tag", "service=web", "--tag", "environment=prod",
                                              "--link", "https://ci.example.com/p/42"] + dataDir, environment: ["USER": "ana"])
        #expect(recorded.status == 0, "\(recorded.err)")
        let id = try #require(MetricsBinary.acknowledgedIDs(printed: recorded.out).first)

        let listed = try await listJSON(["--tag", "service=web"])
        #expect(listed.status == 0)
        let event = try #require(listed.events.first)
        #expect(listed.events.count == 1 && event.id == id)
        #expect(event.what == "web v1.4.2" && event.who == "ana" && event.source == .cli)
        #expect(event.tags == ["service": "web", "environment": "prod", "kind": "deploy"])
        #expect(event.link == "https://ci.example.com/p/42")
        #expect(recorded.out.contains(Date(timeIntervalSince1970: TimeInterval(event.start)).formatted(.iso8601)))
        #expect(abs(event.start - Int(Date().timeIntervalSince1970)) < 600)
    }

    @Test func explicitTimesKindAndWhoAreKept() async throws {
        let start = 1_764_338_400, end = start + 900
        let recorded = try await MetricsBinary.run(["deploy", "db schema v7", "--who", "ci-bot", "--tag", "kind=config",
                                              "--start", "2025-11-28T14:00:00Z", "--end", String(end)] + dataDir)
        #expect(recorded.status == 0, "\(recorded.err)")
        let listed = try await listJSON(["--from", String(start + 60), "--until", String(start + 120)])
        #expect(listed.events.map(\.what) == ["db schema v7"])
        #expect(listed.events.first?.start == start && listed.events.first?.end == end)
        #expect(listed.events.first?.kind == "config" && listed.events.first?.who == "ci-bot")
    }

    @Test func relativeTimesAreReadAsTimesNotOptions() async throws {
        let recorded = try await MetricsBinary.run(["deploy", "rollout", "--start", "-20m", "--end", "-5m"] + dataDir)
        #expect(recorded.status == 0, "\(recorded.err)")
        let listed = try await listJSON(["--from", "-1h"])
        let event = try #require(listed.events.first)
        #expect(event.end.map { $0 - event.start } == 900)
    }

    @Test func tableShowsTimeKindWhatWhoLinkNewestFirst() async throws {
        _ = try await MetricsBinary.run(["deploy", "older", "--start", "-10m", "--end", "-5m"] + dataDir)
        _ = try await MetricsBinary.run(["deploy", "<script>alert(1)</script>", "--tag", "kind=rollback", "--who", "bo",
                                   "--link", "https://ci.example.com/1"] + dataDir)
        let listed = try await MetricsBinary.run(["deploys"] + dataDir)
        #expect(listed.status == 0)
        let lines = listed.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["TIME", "KIND", "WHAT", "WHO", "LINK"])
        #expect(lines[1].contains("rollback") && lines[1].contains("<script>alert(1)</script>") && lines[1].contains("bo")
                && lines[1].hasSuffix("https://ci.example.com/1"))
        #expect(lines[2].contains("older") && lines[2].contains("deploy") && lines[2].contains(" +5m "))
    }

    @Test func nothingFoundExitsOneWithAnEmptyJSONArray() async throws {
        _ = try await MetricsBinary.run(["deploy", "web v1", "--tag", "service=web"] + dataDir)
        let json = try await MetricsBinary.run(["deploys", "--tag", "service=api", "--format", "json"] + dataDir)
        #expect(json.status == 1 && json.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let table = try await MetricsBinary.run(["deploys", "--from", "2020-01-01", "--until", "2020-01-02"] + dataDir)
        #expect(table.status == 1 && table.out.isEmpty && table.err.contains("no events between"))
    }

    @Test func listingADirectoryWithoutEventsCreatesNothing() async throws {
        let listed = try await MetricsBinary.run(["deploys"] + dataDir)
        #expect(listed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file(EventStore.fileName)))
    }

    @Test(arguments: [
        (["deploy", "v1\nforged"], "control character U+000A"),
        (["deploy", ""], "the event says nothing"),
        (["deploy", String(repeating: "x", count: 10_240)], "at most 1000"),
        (["deploy", "v1", "--link", "javascript:alert(1)"], "not an http:// or https:// URL"),
        (["deploy", "v1", "--tag", "service"], "not KEY=VALUE"),
        (["deploy", "v1", "--tag", "a=1", "--tag", "a=2"], "given twice"),
        (["deploy", "v1", "--start", "next tuesday"], "cannot read time"),
        (["deploy", "v1", "--start", "2150-01-01"], "before 1990 or after 2100"),
        (["deploy", "v1", "--end", "-1h"], "before the start"),
        (["deploys", "--limit", "0"], "limit 0 is outside"),
        (["deploys", "--from", "now", "--until", "-1d"], "before"),
        (["deploys", "--format", "xml"], "--format is 'table' or 'json'"),
        (["deploys", "--tag", "bad key=x"], "tag key"),
    ])
    func usageErrorsExitTwoAndStoreNothing(arguments: [String], message: String) async throws {
        let result = try await MetricsBinary.run(arguments + dataDir)
        #expect(result.status == 2)
        #expect(result.err.contains(message), "\(result.err)")
        #expect(try EventStore(dataDirectory: directory.path).events(from: EventLimits.earliest, until: EventLimits.latest).isEmpty)
    }

    @Test func missingDataDirectoryIsAUsageError() async throws {
        let result = try await MetricsBinary.run(["deploy", "v1", "--data-dir", directory.file("missing")])
        #expect(result.status == 2 && result.err.contains("does not exist"))
    }

    @Test func corruptDatabaseExitsOneAndKeepsTheFile() async throws {
        let garbage = Data(repeating: 0x41, count: 4_096)
        _ = FileManager.default.createFile(atPath: directory.file(EventStore.fileName), contents: garbage)
        let result = try await MetricsBinary.run(["deploy", "v1"] + dataDir)
        #expect(result.status == 1 && result.err.contains("cannot be read"), "\(result.err)")
        #expect(FileManager.default.contents(atPath: directory.file(EventStore.fileName)) == garbage)
    }
}
