import Foundation
import Testing
import TestSupport

/// `metrics query` as a user runs it: against the data a live daemon writes, piped and in a
/// terminal (tmux) for the width, the colours and `--watch`.
@Suite(.serialized) struct QueryServeTests {
    let directory = TemporaryDirectory()

    /// A daemon at a 1 s step with host collectors only, run until its CPU series have points.
    func startDaemon() async throws -> (DaemonProcess, Int) {
        let config = directory.path + "/metrics.yaml"
        let retention = "retention:\n  - name: fast\n    pattern: \"**\"\n    tiers: [1s:1h, 1m:1d]\n"
        FileManager.default.createFile(atPath: config, contents: Data(("step: 1s\nhttp:\n  listen: 127.0.0.1:0\n" + retention + listenersOff).utf8))
        let daemon = try DaemonProcess(["serve", "--config", config, "--data-dir", "data"], directory: directory.path)
        let port = try await daemon.waitForPort()
        try await Task.sleep(for: .seconds(4))
        return (daemon, port)
    }

    @Test func tableJSONAndCSVFromTheLiveDataDirectory() async throws {
        let (daemon, port) = try await startDaemon()
        defer { daemon.signal(SIGTERM) }
        let table = try await runMetrics(["query", "host.cpu.total.*", "--from", "-1m", "--data-dir", "data"], in: directory.path)
        #expect(table.status == 0, "\(table.err)")
        #expect(table.out.contains("host.cpu.total.user"))
        #expect(table.out.contains(" %"), "units from units.json: \(table.out)")
        #expect(table.out.unicodeScalars.contains { (0x2581...0x2588).contains($0.value) }, "a sparkline")
        #expect(!table.out.contains("\u{1B}["), "no colour when piped")

        let json = try await runMetrics(["query", "host.cpu.total.*", "--from", "-1m", "--format", "json", "--data-dir", "data"], in: directory.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let series = object?["series"] as? [[String: Any]] ?? []
        #expect(series.count == 8)
        #expect((series.first?["points"] as? [Any])?.count ?? 0 >= 59)
        #expect(!json.out.contains("NaN"))

        let csv = try await runMetrics(["query", "host.load.*", "--from", "-30s", "--format", "csv", "--data-dir", "data"], in: directory.path)
        #expect(csv.out.hasPrefix("time,host.load.1,host.load.15,host.load.5\n"))
        #expect(csv.out.split(separator: "\n").count >= 30)

        // A deploy recorded a moment ago is marked under the sparklines and listed below.
        let deploy = try await runMetrics(["deploy", "web v9.9.9", "--start", "-2s", "--data-dir", "data"], in: directory.path)
        #expect(deploy.status == 0, "\(deploy.err)")
        let marked = try await runMetrics(["query", "host.load.*", "--from", "-1m", "--data-dir", "data"], in: directory.path)
        #expect(marked.out.contains("▲"))
        #expect(marked.out.contains("deploy  web v9.9.9"), "\(marked.out)")

        // The same through the daemon's HTTP API.
        let remote = try await runMetrics(["query", "host.cpu.total.*", "--from", "-1m", "--format", "json", "--server", "http://127.0.0.1:\(port)"], in: directory.path)
        #expect(remote.status == 0, "\(remote.err)")
        let remoteSeries = (try JSONSerialization.jsonObject(with: Data(remote.out.utf8)) as? [String: Any])?["series"] as? [[String: Any]]
        #expect(remoteSeries?.compactMap { $0["name"] as? String } == series.compactMap { $0["name"] as? String })
        let remoteMiss = try await runMetrics(["query", "nothing.*", "--server", "http://127.0.0.1:\(port)"], in: directory.path)
        #expect(remoteMiss.status == 1)
        #expect(remoteMiss.err.contains("no stored metric matches"))
    }

    @Test func exitCodesAndWhatToTypeInstead() async throws {
        let (daemon, _) = try await startDaemon()
        defer { daemon.signal(SIGTERM) }
        let noMatch = try await runMetrics(["query", "host.cpu.totl.user", "--data-dir", "data"], in: directory.path)
        #expect(noMatch.status == 1)
        #expect(noMatch.err.contains("did you mean host.cpu.total.user"), "\(noMatch.err)")
        let badTime = try await runMetrics(["query", "host.**", "--from", "yesterdy", "--data-dir", "data"], in: directory.path)
        #expect(badTime.status == 2)
        #expect(badTime.err.contains("use -1h, now-1d"))
        let badFormat = try await runMetrics(["query", "host.**", "--format", "xml", "--data-dir", "data"], in: directory.path)
        #expect(badFormat.status == 2)
        let noDirectory = try await runMetrics(["query", "host.**", "--data-dir", "nowhere"], in: directory.path)
        #expect(noDirectory.status == 1)
        #expect(noDirectory.err.contains("does not exist"))
        let tooFine = try await runMetrics(["query", "host.load.1", "--from", "-10y", "--step", "10s", "--data-dir", "data"], in: directory.path)
        #expect(tooFine.status == 2)
        #expect(tooFine.err.contains("use a larger --step"))
        let down = try await runMetrics(["query", "host.**", "--server", "http://127.0.0.1:9"], in: directory.path)
        #expect(down.status == 1)
        #expect(down.err.contains("is 'metrics serve' running"))
    }

    /// In a 72-column tmux pane: lines fit, colours are on, and `--watch 1` redraws in place.
    @Test func aTerminalGetsItsWidthColourAndWatch() async throws {
        let (daemon, _) = try await startDaemon()
        defer { daemon.signal(SIGTERM) }
        let session = "metrics-query-\(getpid())"
        let command = "cd \(directory.path) && env -u NO_COLOR TERM=tmux-256color \(DaemonProcess.binary) query 'host.cpu.total.*' --from -1m --watch 1 --data-dir data"
        #expect(try await tmux(["new-session", "-d", "-s", session, "-x", "72", "-y", "30", command]).status == 0)
        defer { let test = self; Thread.detachNewThread { _ = try? test.tmuxBlocking(["kill-server"]) } }
        try await Task.sleep(for: .seconds(3.5))
        let pane = try await tmux(["capture-pane", "-p", "-t", session]).out
        let coloured = try await tmux(["capture-pane", "-p", "-e", "-t", session]).out
        let lines = pane.split(separator: "\n")
        #expect(lines.contains { $0.contains("host.cpu.total.user") }, "\(pane)")
        #expect(lines.allSatisfy { $0.count <= 72 })
        #expect(lines.filter { $0.hasPrefix("NAME") }.count == 1, "redrawn in place, not appended:\n\(pane)")
        #expect(coloured.contains("\u{1B}["), "colour on a terminal")
        let noColour = "cd \(directory.path) && NO_COLOR=1 \(DaemonProcess.binary) query 'host.cpu.total.*' --from -1m --watch 1 --data-dir data"
        let plainSession = session + "-plain"
        #expect(try await tmux(["new-session", "-d", "-s", plainSession, "-x", "72", "-y", "30", noColour]).status == 0)
        try await Task.sleep(for: .seconds(2.5))
        let plain = try await tmux(["capture-pane", "-p", "-e", "-t", plainSession]).out
        #expect(plain.contains("host.cpu.total.user"))
        #expect(!plain.contains("\u{1B}[36m"), "NO_COLOR is honoured")
    }

    /// Runs tmux on a server of the tests' own. Output is read from a file, not a pipe: the tmux
    /// server that `new-session` starts inherits the descriptors and would hold a pipe open.
    func tmux(_ arguments: [String]) async throws -> (status: Int32, out: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try tmuxBlocking(arguments) }) }
        }
    }

    /// On a thread of its own, with posix_spawn and waitpid: the tmux server that `new-session`
    /// forks inherits descriptors, and Foundation's Process then never sees the client end.
    func tmuxBlocking(_ arguments: [String]) throws -> (status: Int32, out: String) {
        let file = directory.path + "/tmux-\(UUID().uuidString).out"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["/usr/bin/tmux", "-L", "metrics-tests-\(getpid())"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &cArguments, environ) == 0 else { return (127, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }
}
