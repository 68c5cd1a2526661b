/// A Graphite path pattern, matched node by node: `*` (any run within a node), `?` (one
/// character), `[a-z0-9]` and `[!abc]` (one character of a set), `{web,db}` (alternatives, which
/// may hold globs too). `host.*.cpu` matches `host.a.cpu`, not `host.a.b.cpu`.
///
/// Alternatives are expanded per node (at most `GraphiteLimits.maxAlternatives`); each node is
/// matched by carrying the set of reachable positions, so no pattern can make matching exponential.
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    /// Per node, the patterns any of which may match it.
    private let nodes: [[[Token]]]

    enum Token: Equatable, Sendable {
        case literal(UInt8)
        case any
        case one
        case set([ClosedRange<UInt8>], negated: Bool)
    }

    public init(_ text: String) throws(GraphiteError) {
        guard !text.isEmpty else { throw .syntax("empty path", position: 0) }
        var nodes: [[[Token]]] = []
        var offset = 0
        for node in Self.split(text) {
            guard !node.isEmpty else { throw .syntax("'\(text)' has an empty node (two dots or a dot at an end)", position: offset) }
            var patterns: [[Token]] = []
            for alternative in try Self.expandBraces(node, text: text) { patterns.append(try Self.tokens(alternative, text: text)) }
            nodes.append(patterns)
            offset += node.count + 1
        }
        self.text = text
        self.nodes = nodes
    }

    public var description: String { text }
    public var nodeCount: Int { nodes.count }
    /// True when the pattern has no glob character: it names one metric.
    public var isLiteral: Bool { nodes.allSatisfy { $0.count == 1 && $0[0].allSatisfy { if case .literal = $0 { true } else { false } } } }

    /// Whether the whole dotted `name` matches.
    public func matches(_ name: String) -> Bool {
        let parts = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == nodes.count && matchesPrefix(parts)
    }

    /// Whether the first `nodeCount` nodes of `parts` match (for `/metrics/find`).
    public func matchesPrefix(_ parts: [Substring.UTF8View.SubSequence]) -> Bool {
        guard parts.count >= nodes.count else { return false }
        for (patterns, part) in zip(nodes, parts) where !patterns.contains(where: { Self.match($0, Array(part)) }) { return false }
        return true
    }

    static func match(_ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: bytes.count + 1)
            switch token {
            case .any:
                var open = false
                for index in 0...bytes.count { if reachable[index] { open = true }; next[index] = open }
            default:
                for index in bytes.indices where reachable[index] && token.accepts(bytes[index]) { next[index + 1] = true }
            }
            reachable = next
        }
        return reachable[bytes.count]
    }

    /// Dots split nodes, except inside braces or brackets.
    private static func split(_ text: String) -> [[UInt8]] {
        var nodes: [[UInt8]] = [[]]
        var nesting = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { nesting += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { nesting -= 1 }
            if byte == UInt8(ascii: "."), nesting == 0 { nodes.append([]) } else { nodes[nodes.count - 1].append(byte) }
        }
        return nodes
    }

    private static func expandBraces(_ node: [UInt8], text: String) throws(GraphiteError) -> [[UInt8]] {
        guard let open = node.firstIndex(of: UInt8(ascii: "{")) else { return [node] }
        guard let close = node[open...].firstIndex(of: UInt8(ascii: "}")) else { throw .syntax("'{' not closed in '\(text)'", position: 0) }
        let choices = node[(open + 1)..<close].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        var expanded: [[UInt8]] = []
        for rest in try expandBraces(Array(node[(close + 1)...]), text: text) {
            for choice in choices {
                guard expanded.count < GraphiteLimits.maxAlternatives else {
                    throw .syntax("more than \(GraphiteLimits.maxAlternatives) alternatives in one node of '\(text.prefix(80))'; use '*' instead", position: 0)
                }
                expanded.append(Array(node[..<open]) + Array(choice) + rest)
            }
        }
        return expanded
    }

    private static func tokens(_ node: [UInt8], text: String) throws(GraphiteError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < node.count {
            let byte = node[index]
            switch byte {
            case UInt8(ascii: "*"): if tokens.last != .any { tokens.append(.any) }
            case UInt8(ascii: "?"): tokens.append(.one)
            case UInt8(ascii: "["):
                guard let close = node[index...].firstIndex(of: UInt8(ascii: "]")), close > index + 1 else {
                    throw .syntax("'[' without a closing ']' or with an empty set in '\(text)'", position: 0)
                }
                tokens.append(set(Array(node[(index + 1)..<close])))
                index = close
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                throw .syntax("misplaced '\(String(decoding: [byte], as: UTF8.self))' in '\(text)'", position: 0)
            default: tokens.append(.literal(byte))
            }
            index += 1
        }
        return tokens
    }

    /// `[abc]`, `[a-z0-9]`, `[!abc]` or `[^abc]`.
    private static func set(_ body: [UInt8]) -> Token {
        let negated = body.first == UInt8(ascii: "!") || body.first == UInt8(ascii: "^")
        let items = negated ? Array(body.dropFirst()) : body
        var ranges: [ClosedRange<UInt8>] = []
        var index = 0
        while index < items.count {
            if index + 2 < items.count, items[index + 1] == UInt8(ascii: "-"), items[index] <= items[index + 2] {
                ranges.append(items[index]...items[index + 2])
                index += 3
            } else {
                ranges.append(items[index]...items[index])
                index += 1
            }
        }
        return .set(ranges, negated: negated)
    }
}

extension PathGlob.Token {
    func accepts(_ byte: UInt8) -> Bool {
        switch self {
        case .literal(let literal): return byte == literal
        case .one: return true
        case .any: return true
        case .set(let ranges, let negated): return ranges.contains { $0.contains(byte) } != negated
        }
    }
}
