import GraphRender

/// Rendered PNGs by graph spec (which holds the resolved time range, size and theme), bounded
/// by bytes with least-recently-used eviction. Identical requests arriving while one is being
/// rendered wait for that render instead of starting their own, so ten wall screens refreshing
/// together cost one render.
actor RenderCache {
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Result<RenderedGraph, GraphError>, Never>] = [:]
    private var bytes = 0
    private var clock: UInt64 = 0
    /// Renders started (not served from the cache); for tests and the bench.
    private(set) var renders = 0

    private struct Entry {
        var graph: RenderedGraph
        var lastUse: UInt64
    }

    init(capacity: Int = 64 << 20) {
        self.capacity = capacity
    }

    var storedBytes: Int { bytes }

    func graph(_ key: String, render: @escaping @Sendable () async throws(GraphError) -> RenderedGraph) async throws(GraphError) -> RenderedGraph {
        clock += 1
        if let entry = entries[key] {
            entries[key]?.lastUse = clock
            return entry.graph
        }
        if let running = inFlight[key] { return try await running.value.get() }
        renders += 1
        let task = Task<Result<RenderedGraph, GraphError>, Never> {
            do throws(GraphError) { return .success(try await render()) } catch { return .failure(error) }
        }
        inFlight[key] = task
        let result = await task.value
        inFlight[key] = nil
        if case .success(let graph) = result { store(key, graph) }
        return try result.get()
    }

    private func store(_ key: String, _ graph: RenderedGraph) {
        let size = graph.png.count + key.utf8.count
        // One image larger than a quarter of the cache would evict everything else.
        guard size <= capacity / 4 else { return }
        clock += 1
        entries[key] = Entry(graph: graph, lastUse: clock)
        bytes += size
        while bytes > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            bytes -= oldest.value.graph.png.count + oldest.key.utf8.count
        }
    }
}
