import Foundation

/// Which binary runs a command line, and the hand-over to `metrics-core`.
///
/// Why two binaries: `metrics query` of one metric should cost little more than `rrdtool
/// fetch`, but the full program links libcurl (with TLS, Kerberos, LDAP...), the HTTP server
/// and the Swift runtime as shared libraries: about 90 libraries, 20 ms before `main` runs.
/// This one links librrd and SQLite only, with the Swift runtime built in, and starts in a few.
enum FrontDispatch {
    static let coreName = "metrics-core"

    /// A `query` without `--server` (which needs HTTP).
    static func answersItself(_ arguments: [String]) -> Bool {
        arguments.first == "query" && !arguments.contains { $0 == "--server" || $0.hasPrefix("--server=") }
    }

    /// Replaces this process with `metrics-core` from the same folder, same arguments: same
    /// PID, so a service manager or a shell sees no difference.
    static func runCore(_ arguments: [String]) -> Never {
        let core = folderOfThisBinary() + "/" + coreName
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv(core, &argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("metrics: cannot run \(core): \(reason); install \(coreName) in the same folder as metrics (see README, Install)\n".utf8))
        exit(127)
    }

    /// The folder of the running executable (/proc/self/exe), else of argv[0].
    static func folderOfThisBinary() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}
