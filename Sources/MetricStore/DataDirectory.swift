import Foundation

/// The data directory as an absolute path without symlinks, created when missing: rrdcached
/// compares our paths with its base directory as strings.
enum DataDirectory {
    static func open(_ path: String) throws(StoreError) -> String {
        try resolve(ensure(path))
    }

    /// The directory as an absolute path (symlinks kept), created when missing.
    static func ensure(_ path: String) throws(StoreError) -> String {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        switch FileSystem.entry(at: root) {
        case .directory: break
        case .missing:
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                throw .dataDirectory(path: root, reason: "cannot be created (\(error.localizedDescription)); create it or choose another with --data-dir")
            }
        case .regularFile, .other:
            throw .dataDirectory(path: root, reason: "is not a directory; choose another with --data-dir")
        }
        return root
    }

    /// The absolute path with symlinks resolved, as rrdcached's base directory check sees it.
    static func resolve(_ path: String) throws(StoreError) -> String {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let resolved = realpath(root, nil) else { return root }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
