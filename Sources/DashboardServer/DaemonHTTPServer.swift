import Foundation
import Hummingbird
import Logging
import MetricStore
import NIOCore

/// The daemon's HTTP server: health and self-metrics now; dashboards, graphs and the APIs later.
public enum DaemonHTTPServer {
    /// An application serving `/healthz` and `/metrics` on `host:port`. `onListening` receives the
    /// bound port (useful with port 0).
    public static func make(
        host: String, port: Int, writer: MetricWriter, started: Date, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("metrics") { _, _ -> Response in
            let text = PrometheusExposition.render(await writer.currentStatistics(), uptime: Date().timeIntervalSince(started))
            return Response(status: .ok, headers: [.contentType: PrometheusExposition.contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "metrics"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
