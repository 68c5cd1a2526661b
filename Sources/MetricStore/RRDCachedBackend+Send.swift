import RRD

extension RRDCachedBackend {
    struct Outcome {
        var report = WriteReport()
        /// Points rrdcached refused for a reason that may pass (a file it cannot reach yet).
        var retry: [SeriesBatch] = []
        var problems: [String] = []
        /// Acknowledged points sent again because rrdcached had lost them.
        var replayed = 0
    }

    /// Opens or creates each metric's file, then sends every update in one BATCH. Throws only when
    /// rrdcached cannot be talked to; the caller keeps everything queued then. After a failure,
    /// `replay` holds the recently acknowledged points: each file's last time is asked again and
    /// the points after it (lost by a restarted rrdcached) go first.
    func send(_ queued: [SeriesBatch], replay: [MetricName: SeriesBatch]) async throws(RRDCachedError) -> Outcome {
        var outcome = Outcome()
        var pending = queued
        if !replay.isEmpty {
            state.withLock { $0.known.removeAll() }
            let queuedNames = Set(queued.map(\.name))
            pending += replay.values.filter { !queuedNames.contains($0.name) }.map { SeriesBatch(name: $0.name, kind: $0.kind, points: []) }
        }
        var updates: [(path: String, points: [RRDPoint])] = []
        var sent: [(batch: SeriesBatch, path: String, replayed: Int)] = []
        for batch in pending {
            let last: Int, path: String
            if let known = state.withLock({ $0.known[batch.name] }) {
                (path, last) = known
            } else {
                path = self.path(for: batch.name)
                switch try await open(batch) {
                case .success(let opened):
                    last = opened.last
                    if opened.created { outcome.report.filesCreated += 1 }
                case .failure(let refusal) where refusal.keep:
                    outcome.retry.append(batch)
                    outcome.problems.append("\(batch.name): \(refusal.detail)")
                    continue
                case .failure(let refusal):
                    outcome.report.refuse(batch.name, refusal.reason, count: batch.points.count, detail: refusal.detail)
                    continue
                }
            }
            let lost = replay[batch.name]?.points.filter { $0.time > last } ?? []
            outcome.replayed += lost.count
            let (points, late) = LocalRRDBackend.forwardOnly(lost + batch.points, after: last)
            outcome.report.refuse(batch.name, .late, count: late, detail: "a point at or before the last stored time \(last)")
            guard !points.isEmpty else { continue }
            updates.append((path, points.map { RRDPoint(time: $0.time, value: $0.value) }))
            sent.append((SeriesBatch(name: batch.name, kind: batch.kind, points: points), path, points.count - (batch.points.count - late)))
        }
        let refusals = try await client.update(updates)
        var refused: [Int: String] = [:]
        for refusal in refusals { refused[refusal.index] = refusal.message }
        state.withLock { state in
            for (index, (batch, path, replayed)) in sent.enumerated() {
                guard let message = refused[index] else {
                    outcome.report.written += batch.points.count - replayed
                    state.known[batch.name] = (path, batch.points.last!.time)
                    state.window.record(batch)
                    continue
                }
                // Ask rrdcached again next time: another writer may have moved the file on.
                state.known[batch.name] = nil
                if message.contains("illegal attempt to update") {
                    outcome.report.refuse(batch.name, .late, count: batch.points.count, detail: message)
                } else {
                    outcome.retry.append(batch)
                    outcome.problems.append("\(RRDCachedError.refused(path: path, message: message))")
                }
            }
        }
        return outcome
    }

    /// The metric's last update time, creating its file through rrdcached when the name is new.
    private func open(_ batch: SeriesBatch) async throws(RRDCachedError) -> Result<(last: Int, created: Bool), FileRefusal> {
        let path = path(for: batch.name)
        switch FileSystem.entry(at: path) {
        case .regularFile:
            return try await last(path).map { ($0, false) }
        case .directory, .other:
            return .failure(FileRefusal(reason: .writeFailed, detail: "\(path) is not a regular file (a directory or symlink); move it away"))
        case .missing:
            // A metric only in the replay window whose file is gone: nothing to create it from.
            guard !batch.points.isEmpty else { return .failure(FileRefusal(reason: .writeFailed, detail: "\(path) is missing")) }
        }
        let (files, policy, limits) = state.withLock { state in
            if state.fileCount == nil { state.fileCount = FileSystem.rrdFiles(under: dataDirectory).count }
            return (state.fileCount!, state.policy, state.limits)
        }
        let layout = policy.schema(for: batch.name).layout(for: batch.kind)
        if let refusal = NewFileCheck.refusal(existingFiles: files, layout: layout, limits: limits, dataDirectory: dataDirectory) {
            return .failure(refusal)
        }
        do {
            try FileSystem.makeDirectories(batch.name.segments.dropLast(), under: dataDirectory)
        } catch {
            return .failure(FileRefusal(reason: .writeFailed, detail: "\(error)"))
        }
        let first = batch.points.map(\.time).min() ?? 1
        let start = (first - 1) / layout.step * layout.step
        do {
            guard try await client.create(path, layout: layout, start: start) else { return try await last(path).map { ($0, false) } }
        } catch let error where !error.isTransient {
            return .failure(FileRefusal(reason: .writeFailed, detail: "cannot create \(path): \(error)", keep: true))
        }
        state.withLock { $0.fileCount! += 1 }
        return .success((start, true))
    }

    private func last(_ path: String) async throws(RRDCachedError) -> Result<Int, FileRefusal> {
        do {
            return .success(try await client.last(path))
        } catch let error where !error.isTransient {
            return .failure(FileRefusal(reason: .writeFailed, detail: "\(error)", keep: true))
        }
    }
}
