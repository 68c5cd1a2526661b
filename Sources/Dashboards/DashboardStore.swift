import Foundation
import Logging
import Synchronization

/// The dashboards of a folder, reloaded when their files change.
///
/// Every read looks at the folder at most once per `checkInterval`: a directory listing and one
/// `stat` per file (at most ``DashboardLimits/files``), so ten screens polling cost next to
/// nothing. A changed file is parsed again; when the new text has problems they are logged and
/// the last good version is kept, so a typo saved in an editor does not blank a wall screen.
public final class DashboardStore: Sendable {
    public let directory: String
    private let checkInterval: Duration
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var lastCheck: ContinuousClock.Instant?
        var files: [String: Entry] = [:]
        var names: [String] = []
    }

    private struct Entry {
        var stamp: FileStamp
        var dashboard: Dashboard?
        var problems: [DashboardProblem]
    }

    public init(directory: String, checkInterval: Duration = .seconds(1), logger: Logger = Logger(label: "dashboards")) {
        self.directory = directory
        self.checkInterval = checkInterval
        self.logger = logger
    }

    /// The usable dashboards in file name order.
    public func dashboards() -> [Dashboard] {
        refreshIfDue()
        return state.withLock { state in state.names.compactMap { state.files[$0]?.dashboard } }
    }

    /// The dashboard called `name` (its file name without `.yaml`), if it exists and is usable.
    public func dashboard(named name: String) -> Dashboard? {
        guard DashboardLoader.isPlainName(name) else { return nil }
        return dashboards().first { $0.name == name }
    }

    /// Problems of the files as they are now on disk (a file may have a good older version in use).
    public func problems() -> [DashboardProblem] {
        refreshIfDue()
        return state.withLock { state in state.names.flatMap { state.files[$0]?.problems ?? [] } }
    }

    /// Under the lock, so that no reader sees a half-done look (the first one above all: an
    /// empty list while the files are being read). Costs a listing and a stat per file, and a
    /// parse only for changed files.
    private func refreshIfDue() {
        let now = ContinuousClock.now
        state.withLock { state in
            guard state.lastCheck.map({ now - $0 >= checkInterval }) ?? true else { return }
            state.lastCheck = now
            let paths = DashboardLoader.files(in: directory)
            for path in paths {
                let stamp = FileStamp(path)
                guard state.files[path]?.stamp != stamp else { continue }
                var entry = load(path, stamp: stamp)
                if entry.dashboard == nil, let previous = state.files[path]?.dashboard {
                    logger.warning("dashboard \(previous.name): keeping the last good version until the file is fixed")
                    entry.dashboard = previous
                }
                state.files[path] = entry
            }
            for path in state.files.keys where !paths.contains(path) { state.files[path] = nil }
            state.names = paths
        }
    }

    private func load(_ path: String, stamp: FileStamp) -> Entry {
        do {
            let dashboard = try DashboardLoader.load(file: path)
            logger.info("dashboard \(dashboard.name) loaded from \(path) (\(dashboard.panels.count) panels)")
            return Entry(stamp: stamp, dashboard: dashboard, problems: [])
        } catch {
            logger.error("dashboard file has problems:\n\(error)")
            return Entry(stamp: stamp, dashboard: nil, problems: error.problems)
        }
    }
}

/// What tells a changed file from an unchanged one: modification time (nanoseconds), size, inode.
struct FileStamp: Equatable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int
    var inode: UInt

    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            (seconds, nanoseconds, size, inode) = (-1, 0, 0, 0)
            return
        }
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int(info.st_size)
        inode = UInt(info.st_ino)
    }
}
