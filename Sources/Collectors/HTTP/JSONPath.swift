import MetricStore

/// A path into a JSON document: `a.b.c`, `items[0].size`, `queues.*.depth`, `items[*].size`.
/// `*` matches every key of an object or every element of an array; the matched key (or index)
/// becomes a metric name segment.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
        case any
    }

    public let text: String
    public let steps: [Step]

    public var description: String { text }

    public init(_ text: String) throws(JSONPathError) {
        var steps: [Step] = []
        var rest = Substring(text)
        guard !rest.isEmpty else { throw .empty }
        var expectKey = true
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw .unclosedBracket(text) }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside == "*" {
                    steps.append(.any)
                } else if let index = Int(inside), index >= 0, inside.allSatisfy(\.isNumber) {
                    steps.append(.index(index))
                } else {
                    throw .badIndex(String(inside))
                }
                rest = rest[rest.index(after: close)...]
                expectKey = false
            } else if rest.first == "." {
                guard !expectKey else { throw .emptySegment(text) }
                rest = rest.dropFirst()
                expectKey = true
                if rest.isEmpty { throw .emptySegment(text) }
            } else {
                guard expectKey else { throw .emptySegment(text) }
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = rest[..<end]
                steps.append(key == "*" ? .any : .key(String(key)))
                rest = rest[end...]
                expectKey = false
            }
        }
        self.text = text
        self.steps = steps
    }

    /// Every value the path reaches, with the keys or indexes its wildcards matched.
    public func evaluate(_ document: Any) -> [(matched: [String], value: Any)] {
        var results: [(matched: [String], value: Any)] = [([], document)]
        for step in steps {
            var next: [(matched: [String], value: Any)] = []
            for (matched, value) in results {
                switch step {
                case .key(let key):
                    if let object = value as? [String: Any], let child = object[key] { next.append((matched, child)) }
                case .index(let index):
                    if let array = value as? [Any], index < array.count { next.append((matched, array[index])) }
                case .any:
                    if let object = value as? [String: Any] {
                        for key in object.keys.sorted() { next.append((matched + [key], object[key]!)) }
                    } else if let array = value as? [Any] {
                        for (index, child) in array.enumerated() { next.append((matched + [String(index)], child)) }
                    }
                }
            }
            results = next
        }
        return results
    }

    /// The default metric name: the path's steps as segments, wildcards replaced by what matched.
    public func defaultName(matched: [String]) -> String {
        var wildcards = matched.makeIterator()
        return steps.map { step -> String in
            switch step {
            case .key(let key): return MetricName.segment(from: key)
            case .index(let index): return String(index)
            case .any: return MetricName.segment(from: wildcards.next() ?? "_")
            }
        }.joined(separator: ".")
    }

    public var wildcardCount: Int { steps.filter { $0 == .any }.count }
}

public enum JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case emptySegment(String)
    case unclosedBracket(String)
    case badIndex(String)

    public var description: String {
        switch self {
        case .empty: return "JSON path is empty; use e.g. 'stats.requests' or 'queues.*.depth'"
        case .emptySegment(let path): return "JSON path '\(path)' has an empty segment"
        case .unclosedBracket(let path): return "JSON path '\(path)' has a '[' without ']'"
        case .badIndex(let index): return "JSON path index '[\(index)]' is not a number or '*'"
        }
    }
}
