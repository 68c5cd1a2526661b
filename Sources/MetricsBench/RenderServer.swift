import DashboardServer
import Dashboards
import Hummingbird

/// The daemon's read endpoints on a free local port, over a data and a dashboards directory.
/// Imports Hummingbird only (its HTTPRequest would clash with Curl's).
enum RenderServer {
    static func start(dataDirectory: String, dashboards: String, step: Int) async throws -> (port: Int, endpoints: ReadEndpoints) {
        let router = Router()
        let endpoints = ReadRoutes.register(on: router, settings: ReadSettings(
            dataDirectory: dataDirectory, dashboards: DashboardStore(directory: dashboards), step: step))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: 512),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        return (await iterator.next() ?? 0, endpoints)
    }
}
