import Logging
import MetricStore
import MetricsConfig
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration on SIGHUP. A file with problems is refused and the running
/// configuration kept; retention, storage limits and `impact:` apply at once, other changes at
/// restart.
struct ReloadService: Service {
    let file: String?
    let current: DaemonConfiguration
    let backend: any MetricBackend
    let writer: MetricWriter
    let impact: ImpactSettings
    let systemd: SystemdNotifier
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        var running = current
        for await _ in signals.cancelOnGracefulShutdown() {
            guard let file else {
                logger.notice("SIGHUP: running on the embedded default configuration; nothing to reload (start with --config FILE)")
                continue
            }
            systemd.reloading()
            defer { systemd.reloaded() }
            do {
                let next = try ConfigurationLoader.load(file: file)
                backend.reconfigure(policy: next.retention, limits: next.storage)
                await writer.reconfigure(limits: next.storage)
                if impact.update(next.impact) {
                    logger.info("SIGHUP: impact configuration applied (\(next.impact.services.count) service(s) judged)")
                }
                for note in Self.restartNeeded(from: running, to: next) {
                    logger.warning("SIGHUP: \(note) changed; restart the daemon to apply it")
                }
                running = next
                logger.info("SIGHUP: configuration reloaded from \(file)")
            } catch {
                logger.error("SIGHUP: keeping the running configuration; \(file) has problems:\n\(error)")
            }
        }
        // The loop ends at graceful shutdown; this service is the first to be told.
        systemd.stopping()
    }

    static func restartNeeded(from old: DaemonConfiguration, to new: DaemonConfiguration) -> [String] {
        var notes: [String] = []
        if old.dataDirectory != new.dataDirectory { notes.append("data_dir") }
        if old.storageBackend != new.storageBackend { notes.append("storage.backend (rrdcached)") }
        if old.step != new.step { notes.append("step") }
        if old.http != new.http { notes.append("http (listen, tokens)") }
        if old.collectors != new.collectors { notes.append("collectors") }
        if old.logLevel != new.logLevel { notes.append("log.level") }
        if old.dashboardPath != new.dashboardPath { notes.append("dashboards") }
        // The role may come from --role, which a reload does not re-read: compare the rest.
        var agent = new.agent
        agent.role = old.agent.role
        if old.agent != agent { notes.append("host_name or central") }
        return notes
    }
}
