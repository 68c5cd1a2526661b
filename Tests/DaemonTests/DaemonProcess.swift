import Foundation
import Testing
import TestSupport

/// The real `metrics` binary run as a child process, its stderr captured to a file.
final class DaemonProcess: @unchecked Sendable {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/metrics").path
    }

    let process = Process()
    let logPath: String

    init(_ arguments: [String], directory: String, environment: [String: String] = [:]) throws {
        logPath = directory + "/daemon-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the log contains `text`, or fails after `timeout` seconds.
    func waitFor(_ text: String, timeout: Double = 15) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !log.contains(text) {
            guard Date() < deadline, process.isRunning else {
                Issue.record("'\(text)' never appeared in the daemon's log:\n\(log)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The port from the "listening on http://HOST:PORT" line.
    func waitForPort() async throws -> Int {
        try await waitFor("listening on http://")
        let line = log.split(separator: "\n").first { $0.contains("listening on http://") }!
        let address = line.split(separator: "http://")[1].split(separator: " ")[0]
        return Int(address.split(separator: ":").last!)!
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit and returns the status, killing the process after `timeout` seconds.
    func waitForExit(timeout: Double = 15) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                Issue.record("daemon did not exit within \(timeout) s:\n\(log)")
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Configuration lines that turn off the StatsD and Graphite listeners, whose default ports
/// (8125, 2003) daemons started side by side by the tests would fight over.
/// Every host collector off, for tests that only look at other inputs (a `collectors:` section).
let hostCollectorsOff = """
    collectors:
      cpu: {enabled: false}
      memory: {enabled: false}
      system: {enabled: false}
      network: {enabled: false}
      disk: {enabled: false}
      filesystem: {enabled: false}
      vmstat: {enabled: false}
      pressure: {enabled: false}
      netstat: {enabled: false}
    """

let listenersOff = "\nstatsd:\n  udp: off\n  tcp: off\ngraphite:\n  tcp: off\n"

/// A configuration file holding only `listenersOff`, for tests that otherwise pass options only.
func quietConfig(in directory: String) -> String {
    let path = directory + "/quiet.yaml"
    FileManager.default.createFile(atPath: path, contents: Data(listenersOff.utf8))
    return path
}

/// Runs the `metrics` binary to completion and returns its exit status, stdout and stderr
/// (on a thread of its own: see `runChild`).
func runMetrics(_ arguments: [String], in directory: String) async throws -> (status: Int32, out: String, err: String) {
    try await runChild(DaemonProcess.binary, arguments, directory: directory)
}
