import TimeSyntax
import YAMLReading
import Yams

extension YAMLReader {
    /// A dashboard's refresh: the web and CLI duration syntax (`30s`, `1m`, `5m`).
    mutating func duration(_ node: Node, _ path: String) -> Int? {
        guard let text = node.scalar?.string, let seconds = try? TimeSyntax.duration(text) else {
            problem(node, path, "expected a duration such as 30s, 1m or 5m, got '\(YAMLText.shown(node))'")
            return nil
        }
        return seconds
    }
}
