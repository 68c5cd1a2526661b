import Foundation
import Logging
import MetricStore
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The StatsD (UDP and TCP) and Graphite (TCP) listeners, and the once-per-step hand-over of
/// their aggregates to the writer. At graceful shutdown the listeners close first, then the last
/// aggregates are handed over, before the writer's own last flush.
public struct IngestService: Service {
    public let settings: ListenerSettings
    public let statsd: StatsDIngest
    public let graphite: GraphiteIngest
    public let writer: MetricWriter
    public let step: Int
    public let logger: Logger
    let onListening: @Sendable (String) -> Void

    public init(settings: ListenerSettings, statsd: StatsDIngest, graphite: GraphiteIngest, writer: MetricWriter, step: Int,
                logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }) {
        self.settings = settings
        self.statsd = statsd
        self.graphite = graphite
        self.writer = writer
        self.step = step
        self.logger = logger
        self.onListening = onListening
    }

    static let datagramsPerRead = 16

    public func run() async throws {
        let channels = try await bind()
        for channel in channels {
            let kind = channel.0
            let address = channel.1.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
            logger.info("\(kind) listening on \(address)")
            onListening("\(kind) \(address)")
        }
        var lastTick = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = Date().timeIntervalSince1970
            let aligned = (Int(now) / step + 1) * step
            let next = aligned <= lastTick ? lastTick + step : aligned
            let delay = min(max(Double(next) - now, 0), Double(step))
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(delay * 1_000) + 1))
            }
            if Task.isShuttingDownGracefully { break }
            lastTick = next
            await handOver(at: next)
        }
        for (_, channel) in channels { try? await channel.close() }
        // The last, partial step: stamped now, so nothing accepted is lost.
        await handOver(at: max(Int(Date().timeIntervalSince1970), lastTick + 1))
    }

    func handOver(at time: Int) async {
        var samples = statsd.flush(at: time, interval: step)
        samples += graphite.drain(at: time)
        await writer.submit(samples)
        await writer.flush()
    }

    private func bind() async throws -> [(String, any Channel)] {
        let group = MultiThreadedEventLoopGroup.singleton
        var channels: [(String, any Channel)] = []
        let statsd = self.statsd, graphite = self.graphite, logger = self.logger, settings = self.settings
        if let address = settings.statsdUDP {
            let channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(settings.receiveBuffer))
                // recvmmsg: up to 16 datagrams per system call, each with a 64 KiB slot (more than
                // any datagram, so none is ever truncated and half-parsed).
                .channelOption(.datagramVectorReadMessageCount, value: Self.datagramsPerRead)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536 * Self.datagramsPerRead))
                .channelOption(.maxMessagesPerRead, value: 16)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(DatagramHandler { statsd.ingest($0) })
                    }
                }
                .bind(host: address.host, port: address.port).get()
            channels.append(("statsd udp", channel))
        }
        if let address = settings.statsdTCP {
            channels.append(("statsd tcp", try await lineServer(address, group: group, subject: "statsd") { statsd.ingest($0) }))
        }
        if let address = settings.graphiteTCP {
            channels.append(("graphite tcp", try await lineServer(address, group: group, subject: "graphite") { graphite.ingest($0) }))
        }
        _ = logger
        return channels
    }

    private func lineServer(_ address: ListenerSettings.Address, group: any EventLoopGroup, subject: String,
                            ingest: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) async throws -> any Channel {
        let settings = self.settings, logger = self.logger
        let connections = ConnectionCount(limit: settings.maxConnections)
        let refusals = RateLimitedLogger(logger: logger, subject: subject)
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: .seconds(Int64(settings.idleTimeout))))
                    try channel.pipeline.syncOperations.addHandler(LineConnectionHandler(
                        maxLine: settings.maxLine, connections: connections, ingest: ingest,
                        onRefused: { refusals.badLine($0, total: 1) }))
                }
            }
            .bind(host: address.host, port: address.port).get()
    }
}
