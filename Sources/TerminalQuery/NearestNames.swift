/// Stored names closest to patterns that matched nothing, for "did you mean".
enum NearestNames {
    /// At most `count` names, by edit distance to any pattern (glob characters count as
    /// ordinary ones), only those within a third of the pattern's length (at least 3 edits).
    static func closest(to patterns: [String], among names: [String], count: Int = 3) -> [String] {
        let scored = names.compactMap { name -> (Int, String)? in
            let best = patterns.map { distance(Array($0.utf8.prefix(200)), Array(name.utf8)) }.min() ?? .max
            let allowed = max(3, (patterns.map(\.count).max() ?? 0) / 3)
            return best <= allowed ? (best, name) : nil
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(count).map(\.1)
    }

    /// Levenshtein distance, two rows.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
