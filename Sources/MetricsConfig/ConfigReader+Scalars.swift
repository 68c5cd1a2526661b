import Collectors
import MetricStore
import YAMLReading
import Yams

extension ConfigReader {
    // The shared readers (module YAMLReading), under the names the configuration code uses.
    mutating func entries(_ node: Node, _ path: String, known: [String]) -> [(String, Node)] { yaml.entries(node, path, known: known) }
    mutating func string(_ node: Node, _ path: String) -> String? { yaml.string(node, path) }
    mutating func integer(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int? { yaml.integer(node, path, range) }
    mutating func number(_ node: Node, _ path: String) -> Double? { yaml.number(node, path) }
    mutating func bool(_ node: Node, _ path: String) -> Bool? { yaml.bool(node, path) }
    mutating func problemAt(_ node: Node?, _ key: String, _ message: String) { yaml.problem(node, key, message) }
    mutating func problem(_ node: Node, _ key: String, _ message: String) { yaml.problem(node, key, message) }

    /// Configuration durations (`10s`, `5m`, `1h`, `7d`, `1y`), as retention tiers write them.
    mutating func duration(_ node: Node, _ path: String) -> Int? {
        guard let text = node.scalar?.string, let seconds = DurationText.seconds(text) else {
            problem(node, path, "expected a duration such as 10s, 5m, 1h, 7d, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return seconds
    }

    mutating func byteSize(_ node: Node, _ path: String) -> Int? {
        guard let text = node.scalar?.string, let bytes = ByteSizeText.bytes(text) else {
            problem(node, path, "expected a size such as 256MiB or 1GB, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return bytes
    }
}
