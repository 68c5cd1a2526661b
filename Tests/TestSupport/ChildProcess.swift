import Foundation

/// Runs a program to completion on a thread of its own and returns its exit status and output.
/// Tests must not wait for a process on the cooperative pool: on two cores it has two threads,
/// and every other test running at the same time would stall behind the wait.
public func runChild(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil
) async throws -> (status: Int32, out: String, err: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                if let environment { process.environment = environment }
                if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
                let out = Pipe(), err = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = FileHandle.nullDevice
                try process.run()
                // Standard error on another thread, so that neither pipe can fill and block the child.
                let errors = LockedData()
                let reader = Thread { errors.set(err.fileHandleForReading.readDataToEndOfFile()) }
                reader.start()
                let outData = out.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                while !errors.isSet { usleep(1_000) }
                return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errors.value, as: UTF8.self))
            })
        }
    }
}

private final class LockedData: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
