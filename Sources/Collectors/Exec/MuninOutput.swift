import MetricStore

/// A Munin plugin's values: `field.value N` lines (`N` may be `U`, unknown, which is skipped, or
/// `epoch:N`), in `multigraph NAME` sections when the plugin draws several graphs.
///
/// Names: `<prefix>.<field>` for the plugin's own graph; `<prefix>.<graph>.<field>` for another
/// multigraph section, each dot-separated part of its name made a segment. A section named
/// like the plugin is its own graph, and a leading `<plugin>.` is dropped
/// (`buddyinfo.Node_0` → `munin.buddyinfo.Node_0.order0`). Field and graph names outside
/// `[A-Za-z0-9_-]` are sanitized with ``MetricName/segment(from:)``. Kinds, min and max come
/// from the config; a field it does not describe is a gauge.
public enum MuninOutput {
    public struct Values: Sendable {
        public var output = ExecOutput()
        /// `graph/field` of every value line, to notice when the plugin's fields change.
        public var fieldKeys: Set<String> = []
    }

    public static func parse(_ text: String, config: MuninConfig, prefix: String, plugin: Set<String>, time: Int) -> Values {
        var values = Values()
        var graph = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let key = fields.first, !key.hasPrefix("#") else { continue }
            if key == "multigraph", fields.count == 2 {
                graph = String(fields[1])
                continue
            }
            guard fields.count == 2, key.hasSuffix(".value"), key.count > ".value".count else {
                values.output.issues.append("line \(quoted(line)) is not 'field.value N'; skipped")
                continue
            }
            let field = String(key.dropLast(".value".count))
            values.fieldKeys.insert("\(graph)/\(field)")
            var text = fields[1]
            var stamp = time
            if let colon = text.firstIndex(of: ":") {
                // `epoch:value`, as munin 2 allows for values measured earlier.
                guard let epoch = Int(text[..<colon]), epoch > 0 else {
                    values.output.issues.append("line \(quoted(line)): '\(text[..<colon])' is not an epoch timestamp; skipped")
                    continue
                }
                stamp = epoch
                text = text[text.index(after: colon)...]
            }
            if text == "U" { continue }
            guard let value = StrictDecimal.parse(String(text)) else {
                values.output.issues.append("line \(quoted(line)): '\(text)' is not a number or U; skipped")
                continue
            }
            let spec = config.field(field, in: graph) ?? MuninConfig.Field()
            let name = ([prefix] + graphSegments(graph, plugin: plugin) + [MetricName.segment(from: field)]).joined(separator: ".")
            values.output.add(name, spec.kind, value, time: stamp, min: spec.min, max: spec.max, source: "line \(quoted(line))")
        }
        return values
    }

    /// The name segments a multigraph section adds; none for the plugin's own graph.
    static func graphSegments(_ graph: String, plugin names: Set<String>) -> [String] {
        var parts = graph.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, names.contains(first) { parts.removeFirst() }
        return parts.map(MetricName.segment(from:))
    }
}
