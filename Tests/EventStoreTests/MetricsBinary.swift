import Foundation
import TestSupport

/// The built `metrics` executable (`swift build --build-tests` builds it; METRICS_BINARY overrides).
enum MetricsBinary {
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/metrics").path
    }

    /// Runs `metrics ARGUMENTS` to completion; returns its status, stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, out: String, err: String) {
        try await runChild(path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    /// Runs `body` on a thread of its own: waiting must not hold one of the few threads of the
    /// cooperative pool that every other test shares.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// A shell loop running `metrics deploy "LABEL N" --data-dir DIRECTORY` for N = 1...count;
    /// each acknowledged deploy's line goes to `output`, errors to `output.err`.
    static func deployLoop(label: String, directory: String, output: String, count: Int) throws -> Process {
        for file in [output, output + ".err"] { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        let script = #"i=0; while [ $i -lt \#(count) ]; do i=$((i+1)); "$0" deploy "$1 $i" --data-dir "$2" || exit 1; done"#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, path, label, directory]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output + ".err"))
        try process.run()
        return process
    }

    /// Starts `metrics ARGUMENTS` and sends it SIGKILL `killAfter` seconds later (it may have
    /// finished by then). Returns whether it was killed and what it printed before it died.
    static func runKilled(_ arguments: [String], killAfter: Double) async throws -> (killed: Bool, out: String) {
        try await onOwnThread { try runKilledBlocking(arguments, killAfter: killAfter) }
    }

    static func runKilledBlocking(_ arguments: [String], killAfter: Double) throws -> (killed: Bool, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: killAfter)
        kill(process.processIdentifier, SIGKILL)  // still ours: not reaped before waitUntilExit
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal, String(decoding: data, as: UTF8.self))
    }

    /// Event ids from `recorded event ID at TIME` lines, in order.
    static func acknowledgedIDs(inFile output: String) -> [Int64] {
        acknowledgedIDs(printed: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    static func acknowledgedIDs(printed text: String) -> [Int64] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            return words.count == 5 && words[0] == "recorded" ? Int64(words[2]) : nil
        }
    }
}
