import Curl
import DeployImpact
import DeployJudge
import Foundation
import Logging
import Synchronization

/// The impact configuration the judge loop reads at each step: the judge (services' signals,
/// windows, thresholds) and the webhook. `ReloadService` replaces it after a successful SIGHUP
/// reload, so `impact:` changes apply without a restart.
final class ImpactSettings: Sendable {
    struct Current: Sendable {
        let judge: DeployJudge
        let webhook: ImpactWebhook?
    }

    let dataDirectory: String
    private let client: HTTPClient
    private let logger: Logger
    private let state: Mutex<Current>

    init(_ config: ImpactConfig, dataDirectory: String, client: HTTPClient, logger: Logger) {
        self.dataDirectory = dataDirectory
        self.client = client
        self.logger = logger
        state = Mutex(Self.make(config, dataDirectory: dataDirectory, client: client, logger: logger))
    }

    var current: Current { state.withLock { $0 } }

    /// Applies `config` from the next step on; returns whether it differs from the running one.
    @discardableResult
    func update(_ config: ImpactConfig) -> Bool {
        let next = Self.make(config, dataDirectory: dataDirectory, client: client, logger: logger)
        return state.withLock { current in
            guard current.judge.config != config else { return false }
            current = next
            return true
        }
    }

    private static func make(_ config: ImpactConfig, dataDirectory: String, client: HTTPClient, logger: Logger) -> Current {
        Current(judge: DeployJudge(config: config, dataDirectory: dataDirectory),
                webhook: config.webhook.map { ImpactWebhook(url: $0, client: client, logger: logger) })
    }
}
