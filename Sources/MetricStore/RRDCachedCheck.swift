import Foundation
import RRD

/// What `metrics check` says about `storage.backend: rrdcached`: whether rrdcached answers, and
/// whether it accepts paths in the data directory (we send absolute paths; rrdcached started with
/// `-B` takes only paths under its `-b` base directory) and sees the same files we do.
public enum RRDCachedCheck {
    public struct Finding: Sendable {
        public var ok: Bool
        public var lines: [String]
    }

    public static func run(_ settings: RRDCachedSettings, dataDirectory: String) async -> Finding {
        let client = RRDCachedClient(address: settings.address, timeout: .seconds(settings.timeoutSeconds))
        let root = (try? DataDirectory.resolve(dataDirectory)) ?? dataDirectory
        do {
            try await client.ping()
        } catch {
            return Finding(ok: false, lines: ["\(error)"])
        }
        // FLUSH of a name that cannot exist: "No such file" means rrdcached would accept the path.
        let probe = root + "/.metrics-rrdcached-probe.rrd"
        do {
            let answer = try await client.flush([probe]).first?.message ?? ""
            if answer.contains("Permission denied") {
                return Finding(ok: false, lines: ["rrdcached at \(settings.address) refuses paths under \(root): it runs with -B and a base directory (-b) that does not hold \(root). Start it with -b \(root) -B (or -b a parent of it), or without -B."])
            }
            if let existing = FileSystem.rrdFiles(under: root).first {
                let seen = try await client.flush([root + "/" + existing]).first?.message
                if let seen, seen.contains("No such file") {
                    return Finding(ok: false, lines: ["rrdcached at \(settings.address) does not see \(root)/\(existing): it must run on this host (or share this file system at the same path)."])
                }
            }
        } catch {
            return Finding(ok: false, lines: ["\(error)"])
        }
        return Finding(ok: true, lines: ["rrdcached at \(settings.address) answers and accepts paths under \(root)"])
    }
}
