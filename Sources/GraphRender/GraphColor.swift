/// A colour as rrd_graph takes it: `#RRGGBB` or `#RRGGBBAA` (hex, alpha last).
///
/// Validated on creation and on decoding, so a colour can never carry a `:` or other text into
/// an rrd_graph argument. Stored in upper case, which is also how it is encoded.
public struct GraphColor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `#RRGGBB` or `#RRGGBBAA`, upper case.
    public let hex: String

    public init(_ text: String) throws(GraphError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7 || bytes.count == 9, bytes[0] == UInt8(ascii: "#"),
              bytes.dropFirst().allSatisfy(Self.isHexDigit)
        else { throw .badColor(String(text.prefix(20))) }
        hex = text.uppercased()
    }

    /// For colour literals in this module; they are checked by the tests.
    init(unchecked hex: String) {
        self.hex = hex
    }

    public var description: String { hex }

    /// The same colour with the given opacity (0...255), replacing any alpha it had.
    public func withAlpha(_ alpha: UInt8) -> GraphColor {
        let digits = String(alpha, radix: 16, uppercase: true)
        return GraphColor(unchecked: String(hex.prefix(7)) + (alpha < 16 ? "0" : "") + digits)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
