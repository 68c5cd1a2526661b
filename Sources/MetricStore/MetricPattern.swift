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

    public func matches(_ name: MetricName) -> Bool {
        Self.match(tokens[...], Array(name.rawValue.utf8)[...])
    }

    private static func match(_ pattern: ArraySlice<Token>, _ name: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        let rest = pattern.dropFirst()
        switch first {
        case .literal(let byte):
            return name.first == byte && match(rest, name.dropFirst())
        case .oneCharacter:
            guard let byte = name.first, byte != UInt8(ascii: ".") else { return false }
            return match(rest, name.dropFirst())
        case .anyInSegment, .anyAcrossSegments:
            var candidate = name
            while true {
                if match(rest, candidate) { return true }
                guard let byte = candidate.first else { return false }
                if first == .anyInSegment, byte == UInt8(ascii: ".") { return false }
                candidate = candidate.dropFirst()
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
