@testable import Collectors
import CollectorCore
import Foundation
import MetricStore
import TestSupport

/// Samples by metric name, for readable expectations.
func byName(_ samples: [Sample]) -> [String: Sample] {
    Dictionary(samples.map { ($0.name.rawValue, $0) }) { first, _ in first }
}

func now() -> Int { Int(Date().timeIntervalSince1970) }

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

extension TemporaryDirectory {
    /// Writes an executable `#!/bin/sh` script and returns its path.
    func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let path = file(name)
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        return path
    }
}

/// A program from a Debian package the tests need. Missing, it fails the test with what to
/// install instead of skipping it.
struct MissingProgram: Error, CustomStringConvertible {
    var path: String
    var package: String
    var description: String { "\(path) is missing: install the Debian package \(package) (bash .ci/install-deps does)" }
}

func require(_ path: String, from package: String) throws -> String {
    guard FileManager.default.isExecutableFile(atPath: path) else { throw MissingProgram(path: path, package: package) }
    return path
}

func muninPlugin(_ name: String) throws -> String {
    try require("/usr/share/munin/plugins/\(name)", from: "munin-node")
}

func nagiosPlugin(_ name: String) throws -> String {
    try require("/usr/lib/nagios/plugins/\(name)", from: "monitoring-plugins-basic")
}

/// Whether a process is gone or only a zombie (a container's init may never reap it).
func isDead(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
    return state == "Z" || state == "X"
}

/// The repository's top folder, for the shipped collector programs.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
