@testable import Collectors
import Foundation
import MetricStore
import Testing
import TestSupport

/// Programs that hang, flood, fail, cannot start or leave processes behind: each is killed or
/// reported, and the call returns on time.
@Suite struct MisbehavingProgramTests {
    @Test func aProgramThatSleepsForeverIsKilledAtItsTimeout() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("hang", "echo 'early 1'; sleep 1000")
        let logs = CapturedLogs()
        let collector = ExecCollector(program: ExecProgram(name: "hang", path: path, timeoutSeconds: 1, protocol: .plain), logger: logs.logger)
        let start = ContinuousClock.now
        let samples = byName(try await collector.collect(at: now()))
        #expect(seconds(since: start) < 29, "killed on cancel, not at its 30 s timeout")
        #expect(samples["exec.hang.early"] == nil, "a killed run's values are dropped")
        #expect(samples["exec.hang.up"]?.value == 0)
        #expect(samples["exec.hang.exit_status"]?.value == Double(128 + SIGTERM))
        _ = try await collector.collect(at: now() + 10)
        #expect(logs.count(containing: "still running after its timeout of 1 s") == 1, "rate-limited: \(logs.messages)")
    }

    @Test func aProgramThatIgnoresSIGTERMGetsSIGKILL() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("stubborn", "trap '' TERM; sleep 1000")
        let start = ContinuousClock.now
        let result = try ExecRunner.run(.init(path: path, arguments: [], environment: ChildProcess.baseEnvironment, timeoutSeconds: 1, maxOutputBytes: 1_000))
        #expect(seconds(since: start) < 29, "killed on cancel, not at its 30 s timeout")
        #expect(result.ending == .timedOut(seconds: 1))
        #expect(result.exitStatus == 128 + SIGKILL)
    }

    @Test func aProgramThatFloodsStdoutIsKilledAtTheCap() async throws {
        let yes = try require("/usr/bin/yes", from: "coreutils")
        let logs = CapturedLogs()
        let program = ExecProgram(name: "flood", path: yes, arguments: ["metric 1"], timeoutSeconds: 10, maxOutputBytes: 65_536, protocol: .plain)
        let collector = ExecCollector(program: program, logger: logs.logger)
        let start = ContinuousClock.now
        let samples = byName(try await collector.collect(at: now()))
        #expect(seconds(since: start) < 29, "killed on cancel, not at its 30 s timeout")
        #expect(samples.keys.sorted() == ["exec.flood.exit_status", "exec.flood.up"])
        #expect(samples["exec.flood.up"]?.value == 0)
        #expect(logs.count(containing: "printed more than 65536 bytes") == 1)
    }

    @Test func aProgramThatFailsIsReportedWithItsStderr() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("fails", "echo 'partial 3'; echo 'database is locked' >&2; exit 1")
        let logs = CapturedLogs()
        let collector = ExecCollector(program: ExecProgram(name: "fails", path: path, timeoutSeconds: 60, protocol: .plain), logger: logs.logger)
        let samples = byName(try await collector.collect(at: now()))
        #expect(samples["exec.fails.exit_status"]?.value == 1)
        #expect(samples["exec.fails.up"]?.value == 0)
        #expect(samples["exec.fails.partial"]?.value == 3, "what it printed before failing is kept")
        #expect(logs.count(containing: "exited with status 1: database is locked") == 1)
    }

    @Test func stderrIsBoundedAndTheRestDrained() throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("noisy", "head -c 200000 /dev/zero >&2; echo 'ok 1'")
        let result = try ExecRunner.run(.init(path: path, arguments: [], environment: ChildProcess.baseEnvironment, timeoutSeconds: 10, maxOutputBytes: 1_000))
        #expect(result.ending == .exited(0))
        #expect(result.stderr.utf8.count == ExecRunner.stderrKeptBytes)
        #expect(result.stdoutText == "ok 1\n")
    }

    @Test func aMissingProgramSaysSo() async throws {
        let logs = CapturedLogs()
        let collector = ExecCollector(program: ExecProgram(name: "gone", path: "/nonexistent/collector", timeoutSeconds: 60, protocol: .plain), logger: logs.logger)
        let samples = byName(try await collector.collect(at: now()))
        #expect(samples["exec.gone.exit_status"]?.value == 127)
        #expect(samples["exec.gone.up"]?.value == 0)
        #expect(logs.count(containing: "/nonexistent/collector does not exist; install it or fix the program's path") == 1)
    }

    @Test func aFileThatIsNotExecutableSaysSo() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("noexec", "echo 'a 1'", executable: false)
        let logs = CapturedLogs()
        let samples = byName(try await ExecCollector(program: ExecProgram(name: "noexec", path: path, timeoutSeconds: 60), logger: logs.logger).collect(at: now()))
        #expect(samples["exec.noexec.exit_status"]?.value == 126)
        #expect(logs.count(containing: "is not executable; make it an executable file (chmod +x)") == 1)
        #expect(throws: ExecError.notExecutable(path: directory.path, reason: "is a directory")) {
            try ExecRunner.run(.init(path: directory.path, arguments: [], environment: [:], timeoutSeconds: 1, maxOutputBytes: 1))
        }
    }

    @Test func aScriptWithAMissingInterpreterSaysSo() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("badshebang")
        try "#!/nonexistent/interpreter\necho hi\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        #expect(throws: ExecError.couldNotStart(path: path, errno: ENOENT)) {
            try ExecRunner.run(.init(path: path, arguments: [], environment: [:], timeoutSeconds: 1, maxOutputBytes: 1))
        }
        #expect(ExecError.couldNotStart(path: path, errno: ENOENT).description.contains("interpreter in its #! line"))
    }

    @Test func aGrandchildLeftRunningIsKilledWithTheGroup() async throws {
        let directory = TemporaryDirectory()
        let pidFile = directory.file("pid")
        let path = try directory.script("forks", "sleep 1000 & echo $! > \(pidFile); echo 'done 1'")
        let logs = CapturedLogs()
        let collector = ExecCollector(program: ExecProgram(name: "forks", path: path, timeoutSeconds: 10, protocol: .plain), logger: logs.logger)
        let start = ContinuousClock.now
        let samples = byName(try await collector.collect(at: now()))
        #expect(seconds(since: start) < 29, "killed on cancel, not at its 30 s timeout")
        #expect(samples["exec.forks.done"]?.value == 1, "it finished its job: its values count")
        #expect(samples["exec.forks.up"]?.value == 1)
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(isDead(pid))
        #expect(logs.count(containing: "left processes running in its process group") == 1)
    }

    @Test func aHangingProgramsGrandchildDiesWithIt() throws {
        let directory = TemporaryDirectory()
        let pidFile = directory.file("pid")
        // The grandchild detaches from stdout: only the process group finds it.
        let path = try directory.script("tree", "sleep 1000 >/dev/null 2>&1 & echo $! > \(pidFile); sleep 1000")
        let result = try ExecRunner.run(.init(path: path, arguments: [], environment: ChildProcess.baseEnvironment, timeoutSeconds: 1, maxOutputBytes: 1_000))
        #expect(result.ending == .timedOut(seconds: 1))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(isDead(pid))
    }

    @Test func noZombiesAreLeft() throws {
        let directory = TemporaryDirectory()
        let name = "quick-\(getpid())"
        let path = try directory.script(name, "echo 'a 1'")
        for _ in 0..<20 {
            _ = try ExecRunner.run(.init(path: path, arguments: [], environment: ChildProcess.baseEnvironment, timeoutSeconds: 5, maxOutputBytes: 1_000))
        }
        // Children of this process named like the script (other tests run their own in parallel).
        let zombies = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { return false }
            return stat.contains("(\(name.prefix(15)))") && stat.contains(") Z \(getpid()) ")
        }
        #expect(zombies.isEmpty)
    }

    @Test func cancellingTheCollectionKillsTheProgram() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.script("slow", "sleep 1000")
        let collector = ExecCollector(program: ExecProgram(name: "slow", path: path, timeoutSeconds: 30, protocol: .plain), logger: CapturedLogs().logger)
        let start = ContinuousClock.now
        let task = Task { try await collector.collect(at: now()) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let samples = byName(try await task.value)
        #expect(seconds(since: start) < 29, "killed on cancel, not at its 30 s timeout")
        #expect(samples["exec.slow.up"]?.value == 0)
    }
}
