import ArgumentParser
import Foundation
import MetricsConfig

extension ConfigOptions {
    /// `--data-dir`, or the configuration's data directory; it must exist.
    func resolveDataDirectory() throws -> String {
        let directory: String
        if let dataDir {
            directory = dataDir
        } else {
            do {
                directory = try ConfigurationLoader.load(file: config).dataDirectory
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
