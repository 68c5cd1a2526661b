import MetricStore

/// What `<plugin> config` says: per graph its title and fields. The plugin's own graph has the
/// name `""`; `multigraph NAME` lines start further graphs.
public struct MuninConfig: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var label: String?
        /// GAUGE unless the plugin says COUNTER, DERIVE or ABSOLUTE.
        public var kind: MetricKind = .gauge
        public var min: Double?
        public var max: Double?

        public init(label: String? = nil, kind: MetricKind = .gauge, min: Double? = nil, max: Double? = nil) {
            self.label = label
            self.kind = kind
            self.min = min
            self.max = max
        }
    }

    public struct Graph: Sendable, Equatable {
        public var title: String?
        public var fields: [String: Field] = [:]

        public init(title: String? = nil, fields: [String: Field] = [:]) {
            self.title = title
            self.fields = fields
        }
    }

    public var graphs: [String: Graph] = [:]
    public var issues: [String] = []

    public init(graphs: [String: Graph] = [:]) { self.graphs = graphs }

    public func field(_ name: String, in graph: String) -> Field? { graphs[graph]?.fields[name] }

    /// Munin's data source types, as metric kinds.
    public static func kind(of type: String) -> MetricKind? {
        switch type.uppercased() {
        case "GAUGE": return .gauge
        case "COUNTER", "DERIVE": return .counter
        case "ABSOLUTE": return .absolute
        default: return nil
        }
    }

    /// Lines are `key value`; keys `graph_*` describe the graph, `field.attribute` a field.
    /// Attributes other than label, type, min and max (draw, info, colour, warning...) are
    /// only for drawing and alerting in Munin, and are ignored.
    public static func parse(_ text: String) -> MuninConfig {
        var config = MuninConfig()
        var graph = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let key = trimmed.prefix { $0 != " " && $0 != "\t" }
            let value = trimmed.dropFirst(key.count).trimmingSpaces
            if key == "multigraph" {
                graph = String(value)
                if config.graphs[graph] == nil { config.graphs[graph] = Graph() }
                continue
            }
            if key == "graph_title" {
                config.graphs[graph, default: Graph()].title = String(value)
                continue
            }
            if key.hasPrefix("graph_") || key == "host_name" || key == "update_rate" { continue }
            guard let dot = key.lastIndex(of: "."), dot != key.startIndex else {
                config.issues.append("config line \(quoted(line)) is neither a graph_ setting nor field.attribute; ignored")
                continue
            }
            let name = String(key[..<dot])
            let attribute = key[key.index(after: dot)...]
            var field = config.graphs[graph, default: Graph()].fields[name] ?? Field()
            switch attribute {
            case "label": field.label = String(value)
            case "type":
                if let kind = kind(of: String(value)) {
                    field.kind = kind
                } else {
                    config.issues.append("config line \(quoted(line)): type '\(value)' is not GAUGE, COUNTER, DERIVE or ABSOLUTE; stored as a gauge")
                }
            case "min": field.min = StrictDecimal.parse(String(value))
            case "max": field.max = StrictDecimal.parse(String(value))
            default: break
            }
            config.graphs[graph, default: Graph()].fields[name] = field
        }
        return config
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
