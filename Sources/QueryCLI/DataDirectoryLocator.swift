import Foundation
import Yams

/// Where `metrics query` reads: `--data-dir`, else the `data_dir` of `--config FILE`, else the
/// embedded default's (`data`, relative to the working directory, as for the daemon).
///
/// Only `data_dir` is read: the front binary must not link the whole configuration model (it
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
        let directory: String
        if let dataDir { directory = dataDir } else if let config { directory = try fromFile(config) } else { directory = defaultDirectory }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "data directory '\(directory)' does not exist; start 'metrics serve' there first or pass --data-dir")
        }
        return directory
    }

    /// The `data_dir` of a configuration file (the default when it has none).
    public static func fromFile(_ file: String) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(file): cannot read the configuration; check the path and its permissions, or pass --data-dir")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Failure(description: "\(file): not valid YAML (\(error)); 'metrics check --config \(file)' says more")
        }
        guard let value = root?.mapping?["data_dir"] else { return defaultDirectory }
        guard let directory = value.scalar?.string, !directory.isEmpty else {
            throw Failure(description: "\(file): data_dir must be a path; 'metrics check --config \(file)' says more")
        }
        return directory
    }
}
