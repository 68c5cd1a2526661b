/// A glob over metric names: `*` matches within one segment, `**` across segments, `?` one character.
/// `host.cpu.*.user` matches `host.cpu.0.user`; `app.**` matches everything under `app`.
public struct MetricPattern: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    private let tokens: [Token]

    private enum Token: Equatable {
        case literal(UInt8)
        case anyInSegment
        case anyAcrossSegments
        case oneCharacter
    }

    public init(_ text: String) throws(MetricPatternError) {
        guard !text.isEmpty else { throw .empty }
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "*"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    tokens.append(.anyAcrossSegments)
                    index += 1
                } else {
                    tokens.append(.anyInSegment)
                }
            case UInt8(ascii: "?"):
                tokens.append(.oneCharacter)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                tokens.append(.literal(byte))
            default:
                throw .badCharacter(String(decoding: [byte], as: UTF8.self), position: index)
            }
            index += 1
        }
        self.text = text
        self.tokens = tokens
    }

    public var description: String { text }

    /// Linear in pattern times name length: a set of reachable name positions is carried
    /// token by token. (Backtracking took exponential time on patterns like `*a*a*a*a*b`, and
    /// patterns arrive from HTTP queries.)
    public func matches(_ name: MetricName) -> Bool {
        let bytes = Array(name.rawValue.utf8)
        guard bytes.count >= minimumLength else { return false }
        let dot = UInt8(ascii: ".")
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: bytes.count + 1)
            var any = false
            switch token {
            case .literal(let byte):
                for index in bytes.indices where reachable[index] && bytes[index] == byte { next[index + 1] = true; any = true }
            case .oneCharacter:
                for index in bytes.indices where reachable[index] && bytes[index] != dot { next[index + 1] = true; any = true }
            case .anyInSegment, .anyAcrossSegments:
                var open = false
                for index in 0...bytes.count {
                    if reachable[index] { open = true }
                    if open { next[index] = true; any = true }
                    if token == .anyInSegment, index < bytes.count, bytes[index] == dot { open = false }
                }
            }
            guard any else { return false }
            reachable = next
        }
        return reachable[bytes.count]
    }

    /// Bytes any match needs: one per literal and `?`.
    private var minimumLength: Int {
        tokens.reduce(0) { count, token in
            switch token {
            case .literal, .oneCharacter: return count + 1
            case .anyInSegment, .anyAcrossSegments: return count
            }
        }
    }
}

public enum MetricPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case badCharacter(String, position: Int)

    public var description: String {
        switch self {
        case .empty: return "pattern is empty; use e.g. 'host.cpu.*' or 'app.**'"
        case .badCharacter(let character, let position):
            return "pattern has the character '\(character)' at byte \(position); patterns use metric name characters, '*', '**' and '?'"
        }
    }
}
