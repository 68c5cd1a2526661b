import Foundation
import Logging
import MetricStore
import Synchronization

/// A Munin plugin's side of an ``ExecCollector``: the environment plugins expect from
/// munin-node, and the cached `config` output, fetched again after an hour or when the set of
/// fields the plugin prints changes.
final class MuninSession: Sendable {
    static let configMaxAge: Duration = .seconds(3_600)
    /// `MUNIN_LIBDIR` as Debian's munin-node sets it: shell plugins source `plugins/plugin.sh` from it.
    static let libDir = "/usr/share/munin"

    let environment: [String: String]
    let pluginNames: Set<String>
    private let stateDirectory: String?
    private let cache = Mutex(Cache())

    private struct Cache {
        var config: MuninConfig?
        var fetchedAt: ContinuousClock.Instant?
        var fieldKeys: Set<String> = []
    }

    init(program: ExecProgram, logger: Logger) {
        pluginNames = [program.name, (program.path as NSString).lastPathComponent]
        var environment = ["MUNIN_LIBDIR": Self.libDir, "MUNIN_CAP_MULTIGRAPH": "1"]
        let usesMunin = program.protocol == .munin || program.protocol == .auto
        if usesMunin, program.environment["MUNIN_PLUGSTATE"] == nil {
            stateDirectory = Self.makeStateDirectory(name: program.name, logger: logger)
        } else {
            stateDirectory = nil
        }
        let plugState = program.environment["MUNIN_PLUGSTATE"] ?? stateDirectory
        if let plugState {
            environment["MUNIN_PLUGSTATE"] = plugState
            environment["MUNIN_STATEFILE"] = plugState + "/" + MetricName.segment(from: program.name) + ".state"
        }
        self.environment = environment
    }

    deinit {
        if let stateDirectory { try? FileManager.default.removeItem(atPath: stateDirectory) }
    }

    /// Plugins keep counters between runs here (rates, last positions); private to this daemon
    /// run, as mkdtemp makes it. Configure MUNIN_PLUGSTATE to keep it across restarts.
    private static func makeStateDirectory(name: String, logger: Logger) -> String? {
        var template = Array((NSTemporaryDirectory() + "metrics-munin-\(MetricName.segment(from: name))-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            logger.warning("exec \(name): could not create a MUNIN_PLUGSTATE directory (\(String(cString: strerror(errno)))); plugins that keep state will fail")
            return nil
        }
        return String(cString: made)
    }

    typealias Run = @Sendable ([String], ContinuousClock.Instant) async throws(ExecError) -> ExecResult

    /// The values of a finished run, named and typed by the plugin's config, which is fetched
    /// first when due. A config run that is killed fails the whole run; one that fails
    /// otherwise leaves the values as gauges, says so among the issues, and is tried again
    /// next run.
    func values(of result: ExecResult, prefix: String, time: Int, until deadline: ContinuousClock.Instant,
                timeout: Double, run: Run) async -> (ExecOutput, String?) {
        let text = result.stdoutText
        let keys = MuninOutput.parse(text, config: MuninConfig(), prefix: prefix, plugin: pluginNames, time: time).fieldKeys
        var config = cache.withLock { cache -> MuninConfig? in
            defer { cache.fieldKeys = keys }
            guard let fetched = cache.fetchedAt, ContinuousClock.now - fetched < Self.configMaxAge, cache.fieldKeys == keys else { return nil }
            return cache.config
        }
        var problems: [String] = []
        if config == nil {
            switch await fetchConfig(until: deadline, timeout: timeout, run: run) {
            case .success(let fetched): config = fetched
            case .failure(let problem) where problem.killed: return (ExecOutput(), problem.message)
            case .failure(let problem): problems.append("\(problem.message); its values are stored as gauges until config works")
            }
        }
        var values = MuninOutput.parse(text, config: config ?? MuninConfig(), prefix: prefix, plugin: pluginNames, time: time)
        values.output.issues.append(contentsOf: problems + (config?.issues ?? []))
        return (values.output, nil)
    }

    private struct ConfigProblem: Error {
        var message: String
        var killed: Bool
    }

    private func fetchConfig(until deadline: ContinuousClock.Instant, timeout: Double, run: Run) async -> Result<MuninConfig, ConfigProblem> {
        let result: ExecResult
        do {
            result = try await run(["config"], deadline)
        } catch {
            return .failure(ConfigProblem(message: "`config` could not run: \(error)", killed: false))
        }
        if let killed = ExecCollector.describe(result.ending, timeout: timeout) {
            return .failure(ConfigProblem(message: "`config` run \(killed)", killed: true))
        }
        if let problem = ExecCollector.exitProblem(result, protocol: .munin) {
            return .failure(ConfigProblem(message: "`config` run \(problem)", killed: false))
        }
        let config = MuninConfig.parse(result.stdoutText)
        cache.withLock {
            $0.config = config
            $0.fetchedAt = .now
        }
        return .success(config)
    }
}
