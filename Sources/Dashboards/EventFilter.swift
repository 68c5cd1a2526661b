import Yams

/// Which events a dashboard or panel draws: `events: false` none, `events: true` all (the
/// default), `events: {tag: service=web}` (or a list of `key=value`, all required) some.
public enum EventFilter: Sendable, Equatable {
    case all
    case none
    /// `key=value` texts, AND-ed.
    case tags([String])
}

extension DashboardReader {
    mutating func readEvents(_ node: Node, _ path: String) -> EventFilter? {
        if case .scalar = node { return yaml.bool(node, path).map { $0 ? .all : .none } }
        guard case .mapping = node else {
            yaml.problem(node, path, "expected true, false or {tag: service=web}")
            return nil
        }
        var tags: [String] = []
        for (key, value) in yaml.entries(node, path, known: ["tag"]) where key == "tag" {
            let items: [Node]
            if case .sequence(let sequence) = value { items = Array(sequence) } else { items = [value] }
            for item in items {
                guard let text = yaml.string(item, "\(path).tag") else { continue }
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex,
                      text.count <= 300 else {
                    yaml.problem(item, "\(path).tag", "expected KEY=VALUE, e.g. service=web")
                    continue
                }
                tags.append(text)
            }
        }
        return .tags(tags)
    }
}
