import CollectorCore
import Foundation
import Logging
import MetricStore
import Synchronization

/// Runs one collector program each interval and stores what it prints, in the plain, Munin or
/// Nagios protocol. Every run also records `<prefix>.exit_status` (the exit status, 128 + signal
/// when killed, 127/126 when it could not be started) and `<prefix>.up` (1 when the run finished
/// in time and as its protocol expects: exit 0, or 0–3 for Nagios).
///
/// A run that hangs, floods stdout or is cancelled has its process group killed and its values
/// dropped; failures are logged when the reason changes and at most every ten minutes while it
/// lasts, odd output lines once each. Values a program printed before exiting non-zero are kept.
/// Never throws for a program's failure, so `collector.<id>.success` stays about the collector.
public final class ExecCollector: Collector {
    public let id: String
    public let interval: Int?
    public let program: ExecProgram
    let logger: Logger
    let failures: FailureLog
    let queue: BlockingQueue
    let munin: MuninSession
    private let state = Mutex(State())

    struct State {
        /// What `.auto` read last, for naming the outcome of runs without output.
        var detected: ExecProtocol?
        var nagiosState: NagiosOutput.State?
    }

    public init(program: ExecProgram, logger: Logger) {
        self.program = program
        self.logger = logger
        id = "exec.\(program.name)"
        interval = program.interval
        failures = FailureLog(logger: logger, subject: "exec \(program.name) (\(program.path))")
        queue = BlockingQueue(label: "exec.\(program.name)")
        munin = MuninSession(program: program, logger: logger)
    }

    public func declaredSeries() async throws -> [SeriesSpec] { await run(at: 0, log: false).series }

    public func collect(at time: Int) async throws -> [Sample] { await run(at: time, log: true).samples }

    /// One run: the program (and for Munin its `config` when due), parsed and with its outcome.
    func run(at time: Int, log: Bool) async -> ExecOutput {
        let deadline = ContinuousClock.now + .seconds(program.timeoutSeconds)
        let result: ExecResult
        do {
            result = try await execute(program.arguments, until: deadline)
        } catch {
            let prefix = program.prefix(for: state.withLock { $0.detected } ?? program.protocol)
            var output = ExecOutput()
            addOutcome(to: &output, prefix: prefix, exitStatus: error.exitStatus, up: false, time: time)
            if log { failures.failed("could not run: \(error)", kind: "start", now: Date().timeIntervalSince1970) }
            return output
        }
        let proto = readProtocol(of: result)
        let prefix = program.prefix(for: proto)
        var output = ExecOutput()
        var failure = result.ending.finished ? nil : Self.describe(result.ending, timeout: program.timeoutSeconds)
        if failure == nil {
            switch proto {
            case .auto, .plain:
                output = PlainOutput.parse(result.stdoutText, prefix: prefix, time: time, now: Int(Date().timeIntervalSince1970))
            case .munin:
                (output, failure) = await munin.values(of: result, prefix: prefix, time: time, until: deadline, timeout: program.timeoutSeconds) { arguments, deadline throws(ExecError) in
                    try await self.execute(arguments, until: deadline)
                }
            case .nagios:
                output = nagios(result, prefix: prefix, time: time, log: log)
            }
        }
        if failure == nil { failure = Self.exitProblem(result, protocol: proto) }
        output.remove(reserved: Set([MetricName.joined(prefix, "exit_status"), MetricName.joined(prefix, "up")].compactMap { $0 }))
        addOutcome(to: &output, prefix: prefix, exitStatus: result.exitStatus, up: failure == nil, time: time)
        if log { report(output.issues, failure: failure, result: result) }
        return output
    }

    /// Runs the program off the cooperative pool; a cancelled task kills it.
    func execute(_ arguments: [String], until deadline: ContinuousClock.Instant) async throws(ExecError) -> ExecResult {
        let remaining = deadline - .now
        let request = ExecRunner.Request(
            path: program.path, arguments: arguments, environment: environment(),
            timeoutSeconds: max(0.001, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18),
            maxOutputBytes: program.maxOutputBytes
        )
        let cancelled = CancelFlag()
        let outcome: Result<ExecResult, ExecError> = await withTaskCancellationHandler {
            do {
                return .success(try await queue.run { try ExecRunner.run(request, isCancelled: cancelled.isSet) })
            } catch let error as ExecError {
                return .failure(error)
            } catch {
                return .failure(.couldNotStart(path: program.path, errno: EIO))
            }
        } onCancel: {
            cancelled.set()
        }
        return try outcome.get()
    }

    /// The base environment, Munin's variables where the program may be a Munin plugin, then
    /// the configured ones.
    func environment() -> [String: String] {
        var environment = ChildProcess.baseEnvironment
        if program.protocol == .munin || program.protocol == .auto {
            environment.merge(munin.environment) { $1 }
        }
        environment.merge(program.environment) { $1 }
        return environment
    }

    private func readProtocol(of result: ExecResult) -> ExecProtocol {
        guard program.protocol == .auto else { return program.protocol }
        return state.withLock { state in
            if result.ending.finished {
                state.detected = ExecProtocolDetection.detect(stdout: result.stdoutText, exitStatus: result.exitStatus)
            }
            return state.detected ?? .plain
        }
    }

    private func nagios(_ result: ExecResult, prefix: String, time: Int, log: Bool) -> ExecOutput {
        let check = NagiosOutput.parse(result.stdoutText, exitStatus: result.exitStatus, prefix: prefix, time: time)
        guard log else { return check.output }
        let previous = state.withLock { state in
            defer { state.nagiosState = check.state }
            return state.nagiosState
        }
        if previous != check.state, previous != nil || check.state != .ok {
            let was = previous.map { " (was \($0.label))" } ?? ""
            logger.log(level: check.state == .ok ? .notice : .warning, "check \(program.name): now \(check.state.label)\(was): \(check.message)")
        }
        return check.output
    }

    private func addOutcome(to output: inout ExecOutput, prefix: String, exitStatus: Int32, up: Bool, time: Int) {
        output.add("\(prefix).exit_status", .gauge, Double(exitStatus), time: time, source: "exit status")
        output.add("\(prefix).up", .gauge, up ? 1 : 0, time: time, min: 0, max: 1, source: "outcome")
    }

    private func report(_ issues: [String], failure: String?, result: ExecResult) {
        for issue in issues { failures.noteOnce(issue) }
        if result.killedLeftovers {
            failures.noteOnce("left processes running in its process group after it exited; they were killed")
        }
        if let failure {
            if case .cancelled = result.ending { return }
            failures.failed(failure, kind: Self.kind(of: result), now: Date().timeIntervalSince1970)
        } else {
            failures.succeeded()
        }
    }
}

/// Set from a task's cancellation handler, read by the thread running the program.
final class CancelFlag: Sendable {
    private let value = Atomic(false)
    func set() { value.store(true, ordering: .relaxed) }
    func isSet() -> Bool { value.load(ordering: .relaxed) }
}
