import Foundation
import TestSupport

/// The recorded and synthetic /proc trees under Tests/ProcFSTests/Fixtures (see its README).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ProcFSTests/Fixtures").path

    static func path(_ name: String) -> String { root + "/" + name }
}

/// A proc tree in a temporary directory that a test moves from one recorded snapshot to the
/// next (`case/proc0`, `case/proc1`), as telegraf's testcases do.
final class StagedTree: Sendable {
    let directory = TemporaryDirectory()
    var proc: String { directory.path + "/proc" }

    func stage(_ snapshot: String) throws {
        try? FileManager.default.removeItem(atPath: proc)
        try FileManager.default.copyItem(atPath: Fixtures.path(snapshot), toPath: proc)
    }
}
