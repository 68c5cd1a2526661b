/// Byte classes of the text format, by arithmetic rather than lookup tables so the hot loops
/// touch no global state.
enum Byte {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let hash: UInt8 = 0x23
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let underscore: UInt8 = 0x5F
    static let colon: UInt8 = 0x3A

    /// Only space and tab separate tokens (the format has no other whitespace).
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    /// Label names: `[a-zA-Z_][a-zA-Z0-9_]*`.
    @inline(__always) static func isLabelStart(_ c: UInt8) -> Bool { isLetter(c) || c == underscore }
    @inline(__always) static func isLabelContinue(_ c: UInt8) -> Bool { isLabelStart(c) || isDigit(c) }
    /// Metric names: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    @inline(__always) static func isMetricStart(_ c: UInt8) -> Bool { isLabelStart(c) || c == colon }
    @inline(__always) static func isMetricContinue(_ c: UInt8) -> Bool { isLabelContinue(c) || c == colon }
}

extension UnsafeBufferPointer<UInt8> {
    /// Index of the first `\n` at or after `from`, or `count`. Eight bytes at a time (SWAR):
    /// line splitting is the one loop that sees every byte of the input.
    @inline(__always) func indexOfNewline(from: Int) -> Int {
        let n = count
        guard let base = baseAddress else { return n }
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while i &+ 8 <= n {
            // Little-endian order so the lowest set bit below is the first byte in memory.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) ^ pattern
            // Nonzero exactly when some byte of `word` is zero, i.e. was '\n'.
            let found = (word &- ones) & ~word & highs
            if found != 0 { return i &+ (found.trailingZeroBitCount >> 3) }
            i &+= 8
        }
        while i < n {
            if base[i] == Byte.newline { return i }
            i &+= 1
        }
        return n
    }

    /// Whether `self[a..<aEnd]` and `self[b..<bEnd]` hold the same bytes.
    @inline(__always) func bytesEqual(_ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Bool {
        let len = aEnd &- a
        guard len == bEnd &- b else { return false }
        var i = 0
        while i < len {
            if self[a &+ i] != self[b &+ i] { return false }
            i &+= 1
        }
        return true
    }

    /// Whether `self[start..<end]` equals the ASCII literal `text`.
    @inline(__always) func bytesEqual(_ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        guard end &- start == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        var i = 0
        while i < end &- start {
            if self[start &+ i] != p[i] { return false }
            i &+= 1
        }
        return true
    }

    @inline(__always) func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[start..<end])
    }

    @inline(__always) func skipBlanks(from: Int, to end: Int) -> Int {
        var i = from
        while i < end && Byte.isBlank(self[i]) { i &+= 1 }
        return i
    }

    /// End of the run of non-blank bytes starting at `from`.
    @inline(__always) func tokenEnd(from: Int, to end: Int) -> Int {
        var i = from
        while i < end && !Byte.isBlank(self[i]) { i &+= 1 }
        return i
    }
}
