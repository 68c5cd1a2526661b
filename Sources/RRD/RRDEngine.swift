import CRRD
import Foundation
import Synchronization

/// The process's single gateway to librrd.
///
/// Every librrd call runs on one dedicated thread: librrd 1.7.2's `rrd_graph_v` is not safe
/// concurrently, its error state is per thread and its time parser is global. Callers hand the
/// engine a closure that receives an ``RRDSession``; the session only exists on that thread, so
/// many calls (a whole flush of updates) cost one thread hop.
public final class RRDEngine: Sendable {
    public static let shared = RRDEngine()

    private let worker: WorkerThread
    /// The rrdcached every read flushes through and every graph names with `--daemon`; nil for
    /// files written directly.
    private let daemon = Mutex<RRDCachedAddress?>(nil)

    private init() {
        // librrd honours RRDCACHED_ADDRESS for updates and graphs; a direct write next to rrdcached
        // silently loses cached points. The local backend writes files itself, so scrub it: an
        // rrdcached backend names its daemon explicitly.
        unsetenv("RRDCACHED_ADDRESS")
        worker = WorkerThread(name: "librrd")
    }

    /// Routes reads and graphs through rrdcached (or back to plain files with nil): fetches, info
    /// and last-update reads flush the file in rrdcached first, graphs pass `--daemon`.
    public func readThrough(_ address: RRDCachedAddress?) {
        daemon.withLock { $0 = address }
    }

    public var readDaemon: RRDCachedAddress? { daemon.withLock { $0 } }

    /// Runs `body` on the librrd thread and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable (borrowing RRDSession) throws -> T) async throws -> T {
        let daemon = readDaemon?.description
        return try await worker.run {
            let session = RRDSession(daemon: daemon)
            return try body(session)
        }
    }

    // Conveniences for single calls.

    public func create(_ path: String, layout: RRDLayout, start: Int, overwrite: Bool = false) async throws {
        try await run { try $0.create(path, layout: layout, start: start, overwrite: overwrite) }
    }

    public func update(_ path: String, _ points: [RRDPoint]) async throws {
        try await run { try $0.update(path, points) }
    }

    public func fetch(_ path: String, _ cf: Consolidation, start: Int, end: Int, resolution: Int? = nil) async throws -> FetchResult {
        try await run { try $0.fetch(path, cf, start: start, end: end, resolution: resolution) }
    }

    public func lastUpdate(_ path: String) async throws -> LastUpdate {
        try await run { try $0.lastUpdate(path) }
    }

    public func info(_ path: String) async throws -> RRDInfo {
        try await run { try $0.info(path) }
    }

    public func graph(_ arguments: [String]) async throws -> GraphOutput {
        try await run { try $0.graph(arguments) }
    }
}
