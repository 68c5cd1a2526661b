/// A cursor over the bytes of a trimmed input, ASCII letters lowercased (only ASCII: a Unicode
/// lowercasing could turn the Kelvin sign into `k`). Anything that is not ASCII (Arabic-Indic
/// digits, NUL) never matches, so the parse fails.
struct TimeScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = text.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
    }

    var atEnd: Bool { position == bytes.count }

    func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    func peekIsDigit(_ ahead: Int = 0) -> Bool {
        peek(ahead).map(Self.isDigit) ?? false
    }

    /// Consumes `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Consumes a run of ASCII digits: its value (nil when longer than 18 digits, which could
    /// overflow) and its length. Length 0 means there were no digits.
    mutating func digits() -> (value: Int?, count: Int) {
        var value = 0
        var count = 0
        while let byte = peek(), Self.isDigit(byte) {
            if count < 18 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        return (count <= 18 ? value : nil, count)
    }

    /// Exactly `count` digits, or nil (and nothing sensible consumed: the parse fails anyway).
    mutating func fixedDigits(_ count: Int) -> Int? {
        let run = digits()
        return run.count == count ? run.value : nil
    }

    /// Consumes a run of ASCII letters.
    mutating func word() -> String {
        let start = position
        while let byte = peek(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
