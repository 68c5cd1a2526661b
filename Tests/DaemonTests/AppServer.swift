import Hummingbird
import TestSupport
import Synchronization

/// A small application for the daemon to scrape: a health page, a JSON status page whose request
/// count grows by 10 per fetch, and a Prometheus exposition whose counter grows by 5 per fetch.
/// Imports Hummingbird only (its HTTPRequest would clash with Curl's).
enum AppServer {
    private static let started = Task { try await start() }
    private static let fetches = Mutex((json: 0, metrics: 0))

    static func port() async throws -> Int { try await started.value }

    private static func start() async throws -> Int {
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.get("stats.json") { _, _ -> Response in
            let count = fetches.withLock { $0.json += 1; return $0.json }
            let body = #"{"requests": \#(1_000 + count * 10), "queue": {"depth": 5}, "healthy": true}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("metrics") { _, _ -> String in
            let count = fetches.withLock { $0.metrics += 1; return $0.metrics }
            return "# TYPE jobs_total counter\njobs_total{queue=\"mail\"} \(100 + count * 5)\n# TYPE temperature gauge\ntemperature 21.5\nbroken line here\n"
        }
        return try await LocalServer.start(router)
    }
}
