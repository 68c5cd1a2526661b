import Foundation
import Logging
import MetricStore
import ServiceLifecycle

/// Flushes the writer once per step and one last time on shutdown, so that every value accepted
/// before SIGTERM reaches its file.
public struct WriterService: Service {
    public let writer: MetricWriter
    public let interval: Duration
    public let logger: Logger

    public init(writer: MetricWriter, interval: Duration, logger: Logger) {
        self.writer = writer
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await writer.flush()
        }
        // Shutdown: services started after this one have stopped, so nothing new arrives.
        await writer.flush()
        let stats = await writer.currentStatistics()
        logger.info("final flush done: accepted=\(stats.accepted) written=\(stats.written) refused=\(stats.refusedTotal) pending=\(stats.pendingPoints)")
    }
}
