import Foundation
import MetricStore

/// The metric names stored under a data directory, found from file names alone (no librrd call),
/// so that expanding a pattern over 50,000 metrics costs a directory walk, not 50,000 reads.
public enum MetricCatalog {
    /// Sorted names whose file exists and which match any of `patterns`. Files whose path is not
    /// a valid metric name (a stray `x.y.rrd` or `tmp~`) are skipped.
    public static func names(matching patterns: [MetricPattern], dataDirectory: String) -> [MetricName] {
        guard let walker = FileManager.default.enumerator(atPath: dataDirectory) else { return [] }
        var names: [MetricName] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".rrd"),
                  let name = try? MetricName(String(relative.dropLast(4)).replacingOccurrences(of: "/", with: ".")),
                  patterns.contains(where: { $0.matches(name) })
            else { continue }
            names.append(name)
        }
        return names.sorted()
    }
}
