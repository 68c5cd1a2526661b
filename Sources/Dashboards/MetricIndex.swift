import Foundation
import GraphRender
import MetricStore
import Synchronization

/// The names of every stored metric, read from the data directory at most once per `maxAge`,
/// so that expanding the patterns of twelve panels on ten screens costs one directory walk per
/// step, not 120.
public final class MetricIndex: Sendable {
    public let dataDirectory: String
    private let maxAge: Duration
    private let state = Mutex<(names: [MetricName], read: ContinuousClock.Instant?)>(([], nil))
    private static let everything = try! MetricPattern("**")

    public init(dataDirectory: String, maxAge: Duration = .seconds(10)) {
        self.dataDirectory = dataDirectory
        self.maxAge = maxAge
    }

    /// Sorted names; re-read when older than `maxAge`.
    public func names() -> [MetricName] {
        let now = ContinuousClock.now
        if let cached = state.withLock({ state in state.read.map { now - $0 < maxAge } == true ? state.names : nil }) {
            return cached
        }
        let names = MetricCatalog.names(matching: [Self.everything], dataDirectory: dataDirectory)
        state.withLock { $0 = (names, now) }
        return names
    }

    /// Names matching any of `patterns`, at most `limit`, and whether more matched.
    public func names(matching patterns: [MetricPattern], limit: Int) -> (names: [MetricName], truncated: Bool) {
        var result: [MetricName] = []
        for name in names() where patterns.contains(where: { $0.matches(name) }) {
            guard result.count < limit else { return (result, true) }
            result.append(name)
        }
        return (result, false)
    }
}
