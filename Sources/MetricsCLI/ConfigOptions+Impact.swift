import ArgumentParser
import DeployImpact
import MetricsConfig

extension ConfigOptions {
    /// The configuration's `impact:` section, for `metrics deploys --impact`: it must name at
    /// least one service, and the judging reads local files, so not with --server.
    func impactConfiguration(server: String?) throws -> ImpactConfig {
        guard server == nil else { throw ValidationError("--impact reads the data directory's files; leave out --server (run it where the data is)") }
        let loaded: DaemonConfiguration
        do { loaded = try ConfigurationLoader.load(file: config) } catch {
            throw ValidationError("the configuration has problems:\n\(error)")
        }
        guard !loaded.impact.services.isEmpty else {
            throw ValidationError("--impact: \(loaded.source) configures no impact.services; list each service's error signals there (see the README, \"Deploy impact\")")
        }
        return loaded.impact
    }
}
