import Foundation
import RRD
import Synchronization

/// Stores each metric in its own RRD file under the data directory, written directly with librrd.
public final class LocalRRDBackend: MetricBackend {
    public let dataDirectory: String
    private let engine = RRDEngine.shared
    private let state: Mutex<State>

    private struct State {
        var policy: RetentionPolicy
        var limits: StorageLimits
        /// Path and last stored time per metric seen since start; read from the file on first sight.
        var files: [MetricName: OpenFile] = [:]
        /// Files on disk, counted once on first write and kept up to date.
        var fileCount: Int?
    }

    /// Opens (and creates if missing) the data directory.
    public init(dataDirectory: String, policy: RetentionPolicy = RetentionPolicy(), limits: StorageLimits = StorageLimits()) throws(StoreError) {
        let root = try DataDirectory.ensure(dataDirectory)
        self.dataDirectory = root
        state = Mutex(State(policy: policy, limits: limits))
    }

    public var policy: RetentionPolicy { state.withLock { $0.policy } }
    public var limits: StorageLimits { state.withLock { $0.limits } }

    /// New retention applies to files created from now on; existing files keep their layout.
    public func reconfigure(policy: RetentionPolicy, limits: StorageLimits) {
        state.withLock {
            $0.policy = policy
            $0.limits = limits
        }
    }

    public func path(for name: MetricName) -> String { dataDirectory + "/" + name.relativePath }

    private struct OpenFile {
        var path: String
        var lastUpdate: Int
    }

    public func write(_ batches: [SeriesBatch]) async -> WriteReport {
        guard !batches.isEmpty else { return WriteReport() }
        do {
            return try await engine.run { session in
                var report = WriteReport()
                for batch in batches { self.write(batch, session, into: &report) }
                return report
            }
        } catch {
            return WriteReport() // the closure does not throw
        }
    }

    private func write(_ batch: SeriesBatch, _ session: borrowing RRDSession, into report: inout WriteReport) {
        let path: String
        let last: Int
        if let known = state.withLock({ $0.files[batch.name] }) {
            (path, last) = (known.path, known.lastUpdate)
        } else {
            path = self.path(for: batch.name)
            switch openOrCreate(batch, path, session) {
            case .success(let opened):
                last = opened.last
                if opened.created { report.filesCreated += 1 }
            case .failure(let refusal):
                report.refuse(batch.name, refusal.reason, count: batch.points.count, detail: refusal.detail)
                return
            }
        }
        let (points, late) = Self.forwardOnly(batch.points, after: last)
        report.refuse(batch.name, .late, count: late, detail: "a point at or before the last stored time \(last)")
        guard let newest = points.last else {
            state.withLock { $0.files[batch.name] = OpenFile(path: path, lastUpdate: last) }
            return
        }
        do {
            try session.update(path, points.map { RRDPoint(time: $0.time, value: $0.value) })
            report.written += points.count
            state.withLock { $0.files[batch.name] = OpenFile(path: path, lastUpdate: newest.time) }
        } catch let error as RRDError where error.kind == .updateNotAfterLast {
            // Another writer (the CLI, a restore) moved the file forward: re-read it next time.
            state.withLock { $0.files[batch.name] = nil }
            report.refuse(batch.name, .late, count: points.count, detail: error.message)
        } catch {
            state.withLock { $0.files[batch.name] = nil }
            report.refuse(batch.name, .writeFailed, count: points.count, detail: "\(error)")
        }
    }

    private struct Refusal: Error {
        var reason: RefusalReason
        var detail: String
    }

    /// The file's last update time, creating the file first when the name is new and limits allow.
    private func openOrCreate(_ batch: SeriesBatch, _ path: String, _ session: borrowing RRDSession) -> Result<(last: Int, created: Bool), Refusal> {
        switch FileSystem.entry(at: path) {
        case .regularFile:
            do { return .success((try session.last(path), false)) } catch {
                return .failure(Refusal(reason: .writeFailed, detail: "\(error)"))
            }
        case .directory, .other:
            return .failure(Refusal(reason: .writeFailed, detail: "\(path) is not a regular file (a directory or symlink); move it away"))
        case .missing:
            return create(batch, path, session).map { ($0, true) }
        }
    }

    private func create(_ batch: SeriesBatch, _ path: String, _ session: borrowing RRDSession) -> Result<Int, Refusal> {
        let (files, policy, limits) = state.withLock { state in
            if state.fileCount == nil { state.fileCount = FileSystem.rrdFiles(under: dataDirectory).count }
            return (state.fileCount!, state.policy, state.limits)
        }
        let layout = policy.schema(for: batch.name).layout(for: batch.kind)
        if let refusal = NewFileCheck.refusal(existingFiles: files, layout: layout,
                                              limits: limits, dataDirectory: dataDirectory) {
            return .failure(Refusal(reason: refusal.reason, detail: refusal.detail))
        }
        do {
            try FileSystem.makeDirectories(batch.name.segments.dropLast(), under: dataDirectory)
            // Start at the beginning of the first point's step, so that its step is fully known.
            let first = batch.points.map(\.time).min() ?? 1
            let start = (first - 1) / layout.step * layout.step
            try session.create(path, layout: layout, start: start)
            state.withLock { $0.fileCount! += 1 }
            return .success(start)
        } catch {
            return .failure(Refusal(reason: .writeFailed, detail: "cannot create \(path): \(error)"))
        }
    }

    /// Points sorted by time, keeping only those after `last` and the first of equal times.
    static func forwardOnly(_ points: [TimedValue], after last: Int) -> (accepted: [TimedValue], refused: Int) {
        if points.count == 1 { return points[0].time > last ? (points, 0) : ([], 1) }
        var sorted = points
        if !zip(points, points.dropFirst()).allSatisfy({ $0.time < $1.time }) {
            sorted = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
        var accepted: [TimedValue] = []
        accepted.reserveCapacity(sorted.count)
        var newest = last
        for point in sorted where point.time > newest {
            accepted.append(point)
            newest = point.time
        }
        return (accepted, points.count - accepted.count)
    }

    public func list(matching pattern: MetricPattern?) async throws -> [MetricSummary] {
        let names = FileSystem.rrdFiles(under: dataDirectory).compactMap { relative -> MetricName? in
            let name = relative.dropLast(4).replacingOccurrences(of: "/", with: ".")
            return try? MetricName(name)
        }.filter { pattern?.matches($0) ?? true }.sorted()
        let root = dataDirectory
        return try await engine.run { session in
            names.compactMap { name in
                guard let last = try? session.lastUpdate(root + "/" + name.relativePath) else { return nil }
                return MetricSummary(name: name, lastUpdate: last.time, lastValue: last.values.values.first ?? nil)
            }
        }
    }

    public func fetch(_ name: MetricName, _ cf: Consolidation, start: Int, end: Int, resolution: Int?) async throws -> FetchResult {
        let path = path(for: name)
        guard FileSystem.entry(at: path) == .regularFile else { throw StoreError.unknownMetric(name) }
        return try await engine.fetch(path, cf, start: start, end: end, resolution: resolution)
    }
}
