/// rrdcached's text protocol: commands are lines of space-separated fields (a backslash escapes
/// the next character); each answer starts with a status, negative for an error, otherwise the
/// number of lines that follow.
enum RRDCachedProtocol {
    /// A path as one field; nil when it holds a newline (it would end the command).
    static func field(_ path: String) -> String? {
        // Bytes, not Characters: this runs for every metric at every step.
        guard !path.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return nil }
        guard path.utf8.contains(where: { $0 == 32 || $0 == 92 }) else { return path }
        var escaped = ""
        for character in path {
            if character == " " || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    static func updateLine(_ path: String, _ points: [RRDPoint]) -> String? {
        guard let field = field(path) else { return nil }
        var line = "UPDATE " + field
        for point in points {
            line += " "
            line += point.argument
        }
        return line
    }

    /// `CREATE` with `-O`: never overwrite an existing file (rrdcached would, without it).
    static func createLine(_ path: String, _ layout: RRDLayout, start: Int) -> String? {
        guard let field = field(path) else { return nil }
        return (["CREATE", field, "-O", "-b", String(start), "-s", String(layout.step)] + layout.arguments).joined(separator: " ")
    }

    /// Splits `STATUS MESSAGE`.
    static func status(_ line: String) -> (Int, String)? {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let status = Int(first) else { return nil }
        return (status, parts.count > 1 ? String(parts[1]) : "")
    }
}
