import Foundation
import MetricStore
import RRD
import Yams

/// Where `metrics query` reads: `--data-dir`, else the `data_dir` of `--config FILE`, else the
/// embedded default's (`data`, relative to the working directory, as for the daemon). With
/// `storage: {backend: rrdcached, rrdcached: ADDRESS}` in the file, reads go through rrdcached
/// (flushed first), as in the daemon.
///
/// Only those keys are read: the front binary must not link the whole configuration model (it
/// pulls in libcurl and the collectors, whose loading would triple its start-up time). The
/// configuration tests check that this agrees with the full loader.
public enum DataDirectoryLocator {
    /// The embedded default's `data_dir` (etc/metrics.yaml).
    public static let defaultDirectory = "data"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The directory, which must exist.
    public static func resolve(dataDir: String?, config: String?) throws(Failure) -> String {
        // The file is read and parsed once for both keys.
        let node = try config.map { file throws(Failure) in try Self.root(file) } ?? nil
        var directory = dataDir ?? defaultDirectory
        if dataDir == nil, let config { directory = try dataDirectory(node, config) }
        if let config, let address = try rrdcached(node, config) {
            StorageBackend.rrdcached(RRDCachedSettings(address: address)).routeReads(dataDirectory: directory)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "data directory '\(directory)' does not exist; start 'metrics serve' there first or pass --data-dir")
        }
        return directory
    }

    /// The `data_dir` of a configuration file (the default when it has none).
    public static func fromFile(_ file: String) throws(Failure) -> String {
        try dataDirectory(root(file), file)
    }

    static func dataDirectory(_ root: Node?, _ file: String) throws(Failure) -> String {
        guard let value = root?.mapping?["data_dir"] else { return defaultDirectory }
        guard let directory = value.scalar?.string, !directory.isEmpty else {
            throw Failure(description: "\(file): data_dir must be a path; 'metrics check --config \(file)' says more")
        }
        return directory
    }

    /// The rrdcached address of a configuration storing through it; nil for local files.
    static func rrdcached(_ root: Node?, _ file: String) throws(Failure) -> RRDCachedAddress? {
        guard let storage = root?.mapping?["storage"]?.mapping,
              storage["backend"]?.scalar?.string == "rrdcached" else { return nil }
        guard let text = storage["rrdcached"]?.scalar?.string else {
            throw Failure(description: "\(file): storage.backend is rrdcached but storage.rrdcached has no address; 'metrics check --config \(file)' says more")
        }
        do { return try RRDCachedAddress(parsing: text) } catch {
            throw Failure(description: "\(file): storage.rrdcached: \(error)")
        }
    }

    private static func root(_ file: String) throws(Failure) -> Node? {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(file): cannot read the configuration; check the path and its permissions, or pass --data-dir")
        }
        do { return try Yams.compose(yaml: text) } catch {
            throw Failure(description: "\(file): not valid YAML (\(error)); 'metrics check --config \(file)' says more")
        }
    }
}
