import Hummingbird

/// A local server whose every path answers after `delay`: the scrape bench's 100 endpoints.
/// Imports Hummingbird only (its HTTPRequest would clash with Curl's).
enum SlowServer {
    static func start(delay: Duration) async throws -> Int {
        let router = Router()
        router.get("e/:id") { _, _ -> String in
            try await Task.sleep(for: delay)
            return "ok"
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: 512),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        return await iterator.next() ?? 0
    }
}
