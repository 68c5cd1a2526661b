import Curl
import Logging
import MetricStore
import ServiceLifecycle

/// Everything an agent needs, resolved from the configuration: what the daemon wires in place of
/// (or in front of) its local files.
public struct AgentLink: Sendable {
    public let backend: ForwardingBackend
    public let courier: Courier
    public let host: String
    public let machineID: String
    public let retryInterval: Duration

    /// - Parameters:
    ///   - centralURL: `http(s)://host:port` of the central daemon, without a path.
    ///   - bufferBytes: the bound on the on-disk buffer (`central.buffer_max`).
    ///   - local: the local store (any backend), written too when `keepLocal`, and read.
    ///   - dataDirectory: holds the buffer and the machine id.
    public init(centralURL: String, token: String?, hostName: String?, keepLocal: Bool, bufferBytes: Int,
                local: any MetricBackend, dataDirectory: String, client: HTTPClient, step: Int, logger: Logger) throws(AgentError) {
        do { host = try HostName.resolve(configured: hostName) } catch { throw .settings("\(error)") }
        machineID = try MachineID.load(dataDirectory: dataDirectory)
        let spool = try Spool(directory: dataDirectory + "/agent-buffer", maxBytes: bufferBytes)
        var url = centralURL
        while url.hasSuffix("/") { url.removeLast() }
        let timeout = Duration.seconds(max(2, min(step, 10)))
        let uplink = Uplink(url: url, token: token, host: host, machineID: machineID, client: client, timeout: timeout)
        courier = Courier(spool: spool, uplink: uplink, logger: logger)
        backend = ForwardingBackend(host: host, courier: courier, local: local, keepLocal: keepLocal)
        retryInterval = .seconds(max(1, min(step, 30)))
    }
}

/// Empties the agent's buffer into the central, oldest first: at once while the central
/// answers, then every `retryInterval` to look for new buffered batches or a central back up.
public struct ReplayService: Service {
    let courier: Courier
    let interval: Duration

    public init(link: AgentLink) {
        courier = link.courier
        interval = link.retryInterval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if await courier.replayNext() == .sent { continue }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
