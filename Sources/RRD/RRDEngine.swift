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
    /// Data directories whose files rrdcached owns, and its address: reads of their files flush
    /// them in rrdcached first, graphs of them pass `--daemon`. Other paths are plain files.
    private let routes = Mutex<[String: RRDCachedAddress]>([:])
    private let flusher = ReadFlusher()

    private init() {
        // librrd honours RRDCACHED_ADDRESS for updates and graphs; a direct write next to rrdcached
        // silently loses cached points. The local backend writes files itself, so scrub it: an
        // rrdcached backend names its daemon explicitly.
        unsetenv("RRDCACHED_ADDRESS")
        worker = WorkerThread(name: "librrd")
    }

    /// Routes reads and graphs of files under `directory` through rrdcached (nil: plain files
    /// again). Register the directory as the readers spell it (relative or absolute).
    public func route(_ directory: String, through address: RRDCachedAddress?) {
        let key = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        routes.withLock { $0[key] = address }
    }

    /// The rrdcached, if any, that owns the files under `directory`.
    public func daemon(for directory: String) -> RRDCachedAddress? { routes.withLock { $0[directory] } }

    /// Runs `body` on the librrd thread and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable (borrowing RRDSession) throws -> T) async throws -> T {
        let routes = self.routes.withLock { $0 }
        let flusher = self.flusher
        return try await worker.run {
            let session = RRDSession(routes: routes, flusher: flusher)
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
