import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file-system questions the store asks, answered without following symlinks.
enum FileSystem {
    enum Entry: Equatable { case missing, regularFile, directory, other }

    static func entry(at path: String) -> Entry {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Creates each missing directory of `relative` under `root`, refusing to pass through a symlink
    /// or a file, so that a link planted in the data directory cannot redirect writes elsewhere.
    static func makeDirectories(_ relative: [Substring], under root: String) throws(StoreError) {
        var path = root
        for component in relative {
            path += "/" + component
            switch entry(at: path) {
            case .directory: continue
            case .missing:
                if mkdir(path, 0o755) != 0, errno != EEXIST {
                    throw .fileSystem(path: path, reason: String(cString: strerror(errno)))
                }
                guard entry(at: path) == .directory else {
                    throw .fileSystem(path: path, reason: "is not a directory")
                }
            case .regularFile, .other:
                throw .fileSystem(path: path, reason: "exists and is not a directory (a symlink or a file); move it out of the data directory")
            }
        }
    }

    /// Free bytes and inodes available to this user on the file system holding `path`.
    static func freeSpace(at path: String) -> (bytes: Int, inodes: Int)? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return (Int(info.f_bavail) * Int(info.f_frsize), Int(info.f_favail))
    }

    /// Paths (relative to `root`) of every `.rrd` file below it.
    static func rrdFiles(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".rrd") { files.append(relative) }
        }
        return files
    }
}
