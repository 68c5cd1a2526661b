import EventStore
import Foundation
import Hummingbird
import IngestListeners
import Logging
import MetricStore
import NIOCore

/// The daemon's HTTP server: health, self-metrics, push, and (with `reads`) dashboards, graphs and series.
public enum DaemonHTTPServer {
    /// An application serving `/healthz` and `/metrics` on `host:port`. `onListening` receives the
    /// bound port (useful with port 0).
    public static func make(
        host: String, port: Int, writer: MetricWriter, statsd: StatsDIngest, writeToken: String?, step: Int, started: Date, logger: Logger,
        reads: ReadSettings? = nil, events: EventStoreQueue? = nil, eventsUnavailable: String = "events are not enabled",
        agents: HostClaims? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        let push = PushAPI(statsd: statsd, writer: writer, token: writeToken, step: step)
        router.post("api/v1/push") { request, _ in try await push.handle(request) }
        if let agents {
            let samples = SamplesAPI(writer: writer, token: writeToken, claims: agents, logger: logger)
            router.post("api/v1/samples") { request, _ in try await samples.handle(request) }
        }
        let eventsAPI = EventsAPI(events: events, unavailable: eventsUnavailable, writeToken: writeToken, access: ReadAccess(token: reads?.token))
        router.post("api/v1/events") { request, _ in await eventsAPI.record(request, graphite: false) }
        router.get("api/v1/events") { request, _ in await eventsAPI.list(request) }
        // Graphite's path; its deploy scripts post to `/events/` (Hummingbird drops the slash).
        router.post("events") { request, _ in await eventsAPI.record(request, graphite: true) }
        if var reads {
            if reads.events == nil { reads.events = events }
            ReadRoutes.register(on: router, settings: reads)
        }
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("metrics") { _, _ -> Response in
            let counts = statsd.statistics
            let ingest = PrometheusExposition.IngestCounts(statsdLines: counts.lines, statsdDatagrams: counts.datagrams, statsdBadLines: counts.badLines)
            let text = PrometheusExposition.render(await writer.currentStatistics(), uptime: Date().timeIntervalSince(started), ingest: ingest)
            return Response(status: .ok, headers: [.contentType: PrometheusExposition.contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        WebPages.register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "metrics"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
