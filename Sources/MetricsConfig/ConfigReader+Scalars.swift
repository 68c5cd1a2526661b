import Collectors
import MetricStore
import Yams

/// Typed readers for scalar values; each records a problem with the node's line when the value is wrong.
extension ConfigReader {
    mutating func entries(_ node: Node, _ path: String, known: [String]) -> [(String, Node)] {
        guard case .mapping(let mapping) = node else {
            if node.null == nil { problem(node, path, "expected a mapping of keys (\(known.joined(separator: ", ")))") }
            return []
        }
        var seen: Set<String> = []
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if !known.contains(key) {
                problem(keyNode, keyPath, "unknown key; known keys here: \(known.joined(separator: ", "))")
            } else if !seen.insert(key).inserted {
                problem(keyNode, keyPath, "duplicate key; keep one")
            } else {
                result.append((key, value))
            }
        }
        return result
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            problem(node, path, "expected a text value")
            return nil
        }
        return scalar.string
    }

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

    mutating func integer(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            problem(node, path, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, _ path: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite, text.allSatisfy({ "0123456789.-".contains($0) }) else {
            problem(node, path, "expected a decimal number, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(node, path, "expected true or false, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
    }

    mutating func problemAt(_ node: Node?, _ key: String, _ message: String) {
        let mark = node?.mark
        problems.append(ConfigProblem(line: mark?.line ?? 0, column: mark?.column ?? 0, key: key, message: message))
    }

    mutating func problem(_ node: Node, _ key: String, _ message: String) {
        let mark = node.mark
        problems.append(ConfigProblem(line: mark?.line ?? 0, column: mark?.column ?? 0, key: key, message: message))
    }
}
