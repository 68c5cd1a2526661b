import MetricStore

/// The plain protocol (collectd's exec plugin, Graphite's plaintext): one `name value [timestamp]`
/// per line, fields separated by spaces or tabs.
///
/// - A name without a dot is relative and gets the prefix (`users 5` → `exec.app.users`); a
///   name with a dot is used as given (`biz.signups 5` → `biz.signups`).
/// - The value is a plain decimal (``StrictDecimal``): no `nan`, `inf` or hex.
/// - The timestamp, in seconds since the epoch (a fraction is dropped), is used unless it lies more than
///   ``maxFutureSkew`` seconds ahead; then the run's time is used and the line noted.
/// - `# TYPE name counter` (or `gauge`, `absolute`) before a name sets its kind; the default is
///   gauge. Other `#` lines and blank lines are comments.
/// - Any other line is skipped and reported in ``ExecOutput/issues``.
public enum PlainOutput {
    public static let maxFutureSkew = 60

    public static func parse(_ text: String, prefix: String, time: Int, now: Int) -> ExecOutput {
        var output = ExecOutput()
        var kinds: [String: MetricKind] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first else { continue }
            if first.hasPrefix("#") {
                if let (name, kind) = typeComment(fields, line: line, prefix: prefix, issues: &output.issues) { kinds[name] = kind }
                continue
            }
            guard fields.count == 2 || fields.count == 3 else {
                output.issues.append("line \(quoted(line)) is not 'name value [timestamp]'; skipped")
                continue
            }
            guard let value = StrictDecimal.parse(String(fields[1])) else {
                output.issues.append("line \(quoted(line)): '\(fields[1])' is not a decimal number; skipped")
                continue
            }
            var stamp = time
            if fields.count == 3 {
                guard let seconds = StrictDecimal.parse(String(fields[2])), seconds >= 1, seconds < 1e11 else {
                    output.issues.append("line \(quoted(line)): '\(fields[2])' is not a timestamp in seconds since the epoch; skipped")
                    continue
                }
                let given = Int(seconds)
                if given > now + maxFutureSkew {
                    output.issues.append("line \(quoted(line)): the timestamp is more than \(maxFutureSkew) s ahead; the run's time is used")
                } else {
                    stamp = given
                }
            }
            let name = resolve(first, prefix: prefix)
            output.add(name, kinds[name] ?? .gauge, value, time: stamp, source: "line \(quoted(line))")
        }
        return output
    }

    /// `name` if it has a dot, else `prefix.name`.
    public static func resolve(_ name: Substring, prefix: String) -> String {
        name.contains(".") ? String(name) : "\(prefix).\(name)"
    }

    private static func typeComment(_ fields: [Substring], line: Substring, prefix: String,
                                    issues: inout [String]) -> (String, MetricKind)? {
        // Both `# TYPE n counter` and `#TYPE n counter`.
        let words = fields[0] == "#" ? Array(fields.dropFirst()) : [fields[0].dropFirst()] + fields.dropFirst()
        guard words.first == "TYPE" else { return nil }
        guard words.count == 3, let kind = MetricKind(rawValue: words[2].lowercased()) else {
            issues.append("line \(quoted(line)) is not '# TYPE name counter|gauge|absolute'; ignored")
            return nil
        }
        return (resolve(words[1], prefix: prefix), kind)
    }
}
