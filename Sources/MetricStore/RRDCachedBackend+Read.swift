import RRD

extension RRDCachedBackend {
    /// Stored metrics, each file flushed by rrdcached first so that the last values are current.
    public func list(matching pattern: MetricPattern?) async throws -> [MetricSummary] {
        let names = FileSystem.rrdFiles(under: dataDirectory).compactMap { relative -> MetricName? in
            try? MetricName(relative.dropLast(4).replacingOccurrences(of: "/", with: "."))
        }.filter { pattern?.matches($0) ?? true }.sorted()
        let paths = names.map(path(for:))
        await flushBeforeRead(paths)
        return try await engine.run { session in
            zip(names, paths).compactMap { name, path in
                guard let last = try? session.lastUpdate(path) else { return nil }
                return MetricSummary(name: name, lastUpdate: last.time, lastValue: last.values.values.first ?? nil)
            }
        }
    }

    public func fetch(_ name: MetricName, _ cf: Consolidation, start: Int, end: Int, resolution: Int?) async throws -> FetchResult {
        let path = path(for: name)
        guard FileSystem.entry(at: path) == .regularFile else { throw StoreError.unknownMetric(name) }
        await flushBeforeRead([path])
        return try await engine.fetch(path, cf, start: start, end: end, resolution: resolution)
    }

    /// When rrdcached is down its cache is out of reach: the files still hold everything it wrote,
    /// so the read goes on.
    private func flushBeforeRead(_ paths: [String]) async {
        do {
            _ = try await client.flush(paths)
        } catch {
            logger.debug("reading without a flush: \(error)")
        }
    }
}
