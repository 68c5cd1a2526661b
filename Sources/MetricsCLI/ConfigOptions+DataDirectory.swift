import ArgumentParser
import Foundation
import MetricStore
import MetricsConfig

extension ConfigOptions {
    /// `--data-dir`, or the configuration's data directory; it must exist. When the configuration
    /// stores through rrdcached, reads in this process go through it too (flush first, `--daemon`).
    func resolveDataDirectory() throws -> String {
        let directory: String
        if let dataDir {
            directory = dataDir
            (try? ConfigurationLoader.load(file: config))?.storageBackend.routeReads(dataDirectory: dataDir)
        } else {
            do {
                let loaded = try ConfigurationLoader.load(file: config)
                loaded.storageBackend.routeReads(dataDirectory: loaded.dataDirectory)
                directory = loaded.dataDirectory
            } catch {
                throw ValidationError("the configuration has problems:\n\(error)")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("data directory '\(directory)' does not exist; start 'metrics serve' there first or pass --data-dir")
        }
        return directory
    }
}
