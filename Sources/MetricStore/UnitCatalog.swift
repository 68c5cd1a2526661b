import Foundation

/// The unit of each metric that declares one (`%`, `B`, `B/s`, `s`, ...), kept beside the RRD
/// files in `units.json`, because an RRD file has no place for it. The daemon writes it from the
/// collectors' declared series; `metrics query` reads it to scale values (KiB, ms, ...).
public enum UnitCatalog {
    public static let fileName = "units.json"
    /// Entries kept at most; a unit is at most 32 characters.
    static let maxEntries = 100_000

    /// The stored units, or none when the file is missing or unreadable (units are a nicety:
    /// a damaged file must not stop a query).
    public static func load(dataDirectory: String) -> [String: String] {
        let url = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url), data.count < 16 << 20,
              let units = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return units
    }

    /// Adds `units` (name to unit) to the stored ones and writes the file atomically when that
    /// changes anything. Empty units and invalid names are skipped.
    public static func record(_ units: [MetricName: String], dataDirectory: String) throws {
        var stored = load(dataDirectory: dataDirectory)
        var changed = false
        for (name, unit) in units where !unit.isEmpty && unit.count <= 32 && stored[name.rawValue] != unit {
            guard stored.count < maxEntries || stored[name.rawValue] != nil else { break }
            stored[name.rawValue] = unit
            changed = true
        }
        guard changed else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let url = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName)
        try encoder.encode(stored).write(to: url, options: .atomic)
    }
}
