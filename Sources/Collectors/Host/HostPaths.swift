import CollectorCore
import MetricStore
import Foundation
import ProcFS

/// Where host collectors read: the proc and sys trees, real or recorded.
public struct HostPaths: Sendable {
    public var proc: ProcRoot
    public var sys: String

    public init(proc: String = "/proc", sys: String = "/sys") {
        self.proc = ProcRoot(proc)
        self.sys = sys
    }

    func sysExists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: sys + "/" + relative)
    }
}

/// The common shape of host collectors: read a snapshot off the cooperative pool, turn it into
/// series. `declaredSeries` reads without disturbing the state rates are computed from.
protocol SnapshotCollector: AnyObject, Sendable {
    associatedtype Snapshot: Sendable
    var blocking: BlockingQueue { get }
    var once: OnceLog { get }
    /// Reads the files (blocking).
    func read() throws -> Snapshot
    /// Series and values at `time`; `commit` says whether to remember this snapshot for rates.
    func build(_ snapshot: Snapshot, at time: Int, commit: Bool) -> SeriesBuilder
}

extension SnapshotCollector {
    func snapshot() async throws -> Snapshot {
        try await blocking.run { [self] in try self.read() }
    }

    func report(_ issues: [ParseIssue], in file: String) {
        for issue in issues { once.warning("\(file) \(issue); the other values are still collected") }
    }
}

extension SnapshotCollector {
    func seriesOfSnapshot() async throws -> [SeriesSpec] {
        build(try await snapshot(), at: 0, commit: false).specs
    }

    func samplesOfSnapshot(at time: Int) async throws -> [Sample] {
        build(try await snapshot(), at: time, commit: true).samples
    }
}
