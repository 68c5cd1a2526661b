import Foundation
import MetricStore
import Yams

/// Typed readers over a YAML tree that record each problem at its node's line and column, for
/// the configuration and the dashboard files alike. Unknown keys are problems: a misspelt key
/// must not silently fall back to a default. `Problem` is the caller's own problem type.
public struct YAMLReader<Problem: Sendable>: Sendable {
    public var problems: [Problem] = []
    private let makeProblem: @Sendable (_ line: Int, _ column: Int, _ key: String, _ message: String) -> Problem

    public init(makeProblem: @escaping @Sendable (_ line: Int, _ column: Int, _ key: String, _ message: String) -> Problem) {
        self.makeProblem = makeProblem
    }

    public mutating func problem(_ node: Node?, _ key: String, _ message: String) {
        let mark = node?.mark
        problems.append(makeProblem(mark?.line ?? 0, mark?.column ?? 0, key, message))
    }

    /// The known keys of a mapping with their values; unknown and duplicate keys are problems,
    /// with the closest known key suggested for a typo.
    public mutating func entries(_ node: Node, _ path: String, known: [String]) -> [(String, Node)] {
        guard case .mapping(let mapping) = node else {
            // A key with no value (`collectors:`) is an empty mapping, not a mistake.
            if node.null == nil { problem(node, path, "expected a mapping with keys \(known.joined(separator: ", "))") }
            return []
        }
        var seen: Set<String> = []
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if !known.contains(key) {
                let hint = YAMLText.closest(key, in: known).map { "did you mean '\($0)'? " } ?? ""
                problem(keyNode, keyPath, "unknown key; \(hint)known keys here: \(known.joined(separator: ", "))")
            } else if !seen.insert(key).inserted {
                problem(keyNode, keyPath, "duplicate key; keep one")
            } else {
                result.append((key, value))
            }
        }
        return result
    }

    public mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            problem(node, path, "expected a text value")
            return nil
        }
        return scalar.string
    }

    public mutating func integer(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            problem(node, path, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(YAMLText.shown(node))'")
            return nil
        }
        return value
    }

    public mutating func number(_ node: Node, _ path: String) -> Double? {
        guard let text = node.scalar?.string, let value = StrictDecimal.parse(text), value.isFinite else {
            problem(node, path, "expected a decimal number such as 90 or 0.5, got '\(YAMLText.shown(node))'")
            return nil
        }
        return value
    }

    public mutating func bool(_ node: Node, _ path: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(node, path, "expected true or false, got '\(YAMLText.shown(node))'")
            return nil
        }
    }

    public mutating func choice<T: RawRepresentable>(_ node: Node, _ path: String, _ type: T.Type, uppercased: Bool = false) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let text = node.scalar?.string, let value = T(rawValue: uppercased ? text.uppercased() : text) else {
            problem(node, path, "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got '\(YAMLText.shown(node))'")
            return nil
        }
        return value
    }
}

/// How a YAML value is quoted in a problem, and the known key a typo was meant to be.
public enum YAMLText {
    public static func shown(_ node: Node) -> String {
        guard let text = node.scalar?.string else { return "a list or mapping" }
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// The known key within edit distance 2 of `key`, if any.
    public static func closest(_ key: String, in known: [String]) -> String? {
        known.map { ($0, distance(Array(key), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard a.count < 64, b.count < 64 else { return Int.max }
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
