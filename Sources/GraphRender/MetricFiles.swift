import Foundation
import MetricStore

/// Where metrics' RRD files are, as paths ready for a `DEF:` (colons escaped).
struct MetricFiles: Sendable {
    let dataDirectory: String

    init(dataDirectory: String) throws(GraphError) {
        guard !dataDirectory.isEmpty else { throw .badDataDirectory("is empty; pass the directory holding the RRD files") }
        guard !dataDirectory.unicodeScalars.contains(where: GraphText.isRefused) else {
            throw .badDataDirectory("path contains a control character")
        }
        self.dataDirectory = dataDirectory.hasSuffix("/") && dataDirectory.count > 1 ? String(dataDirectory.dropLast()) : dataDirectory
    }

    /// The metric's file; names are validated `MetricName`s, so the relative part has no `..`.
    func path(_ metric: MetricName) -> String { dataDirectory + "/" + metric.relativePath }

    /// The file's path, or `missingMetric` when there is no regular file there (a symlink planted
    /// in the data directory does not count, as for the store's writes).
    func existingPath(_ metric: MetricName) throws(GraphError) -> String {
        let path = path(metric)
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw .missingMetric(metric, path: path) }
        return path
    }

    /// The path as a `DEF:` file field: `:` would start a DEF option such as `:daemon=`.
    func definitionPath(_ metric: MetricName) throws(GraphError) -> String {
        try existingPath(metric).replacingColons()
    }
}
