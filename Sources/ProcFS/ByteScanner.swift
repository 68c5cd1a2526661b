#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Shared byte scanning for every parser. Parsers borrow the file's bytes as one
// UnsafeBufferPointer and describe lines and fields as index ranges into it, so nothing
// is copied or allocated per line; Strings are made only for names and keys.

typealias Bytes = UnsafeBufferPointer<UInt8>

/// Field separators: space, \t, \v, \f, \r (\n never occurs inside a line). NUL and every
/// other byte count as field content, so garbage shows up as a non-numeric field.
@inline(__always)
func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte &- 0x09) < 5
}

@inline(__always)
func isDigit(_ byte: UInt8) -> Bool {
    (byte &- 0x30) < 10
}

/// Splits a buffer into lines numbered from 1. A last line without '\n' is still a line.
struct LineReader {
    let buffer: Bytes
    private var position = 0
    private var number = 0

    init(_ buffer: Bytes) {
        self.buffer = buffer
    }

    mutating func next() -> Line? {
        guard position < buffer.count, let base = buffer.baseAddress else { return nil }
        let start = position
        let end: Int
        // memchr is vectorised; it makes skipping the long intr/softirq lines cheap.
        if let hit = memchr(base + start, 0x0A, buffer.count - start) {
            end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            position = end + 1
        } else {
            end = buffer.count
            position = end
        }
        number += 1
        return Line(buffer: buffer, number: number, start: start, end: end)
    }
}

/// How a field failed to parse as a number.
enum NumberError: Error, Equatable {
    case notANumber
    case overflow

    /// "is not an unsigned integer" / "is too large for an unsigned integer".
    func phrase(_ kind: String = "an unsigned integer") -> String {
        self == .overflow ? "is too large for \(kind)" : "is not \(kind)"
    }
}

/// A field that could not be read, with enough context for a `ParseIssue` message.
struct FieldFailure {
    /// 0-based index of the field among those being read.
    var index: Int
    var range: Range<Int>
    var error: NumberError
}

/// Result of reading a run of unsigned integers to the end of a line.
struct UIntRun {
    /// Numbers stored into the output buffer.
    var count = 0
    /// Fields after the output buffer was full; they are not stored.
    var extra = 0
    /// Whether every extra field looks like an unsigned integer.
    var extraAreNumbers = true
    /// First stored field that is not a valid number; reading stops there.
    var failure: FieldFailure?
}

/// One line (without its '\n') and a cursor that reads fields left to right.
struct Line {
    let buffer: Bytes
    /// 1-based line number.
    let number: Int
    let start: Int
    let end: Int
    var cursor: Int

    init(buffer: Bytes, number: Int, start: Int, end: Int) {
        self.buffer = buffer
        self.number = number
        self.start = start
        self.end = end
        self.cursor = start
    }

    /// True when only separators remain after the cursor.
    var isAtEnd: Bool {
        var i = cursor
        while i < end && isSpace(buffer[i]) { i += 1 }
        return i == end
    }

    /// Whether the line contains `byte` anywhere.
    func contains(_ byte: UInt8) -> Bool {
        guard start < end, let base = buffer.baseAddress else { return false }
        return memchr(base + start, Int32(byte), end - start) != nil
    }

    @inline(__always)
    mutating func skipSpaces() {
        while cursor < end && isSpace(buffer[cursor]) { cursor += 1 }
    }

    /// The next run of non-separator bytes, or nil at the end of the line.
    @inline(__always)
    mutating func nextField() -> Range<Int>? {
        skipSpaces()
        guard cursor < end else { return nil }
        let fieldStart = cursor
        while cursor < end && !isSpace(buffer[cursor]) { cursor += 1 }
        return fieldStart..<cursor
    }

    /// The bytes before the first `delimiter` (leading and trailing separators trimmed);
    /// the cursor moves past the delimiter. Nil, with the cursor unmoved, when the line
    /// has no such delimiter after the cursor.
    mutating func field(before delimiter: UInt8) -> Range<Int>? {
        var i = cursor
        while i < end && isSpace(buffer[i]) { i += 1 }
        let fieldStart = i
        guard let base = buffer.baseAddress, i < end,
              let hit = memchr(base + i, Int32(delimiter), end - i)
        else { return nil }
        let delimiterIndex = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        var fieldEnd = delimiterIndex
        while fieldEnd > fieldStart && isSpace(buffer[fieldEnd - 1]) { fieldEnd -= 1 }
        cursor = delimiterIndex + 1
        return fieldStart..<fieldEnd
    }

    /// All remaining fields (allocates; for rare fallback paths and header lines).
    mutating func remainingFields(into fields: inout [Range<Int>]) {
        while let field = nextField() { fields.append(field) }
    }

    /// Reads unsigned integers until the end of the line, storing up to `output.count`.
    /// Fields past that are only counted, so "more columns than expected" is cheap.
    mutating func readUInt64s(into output: UnsafeMutableBufferPointer<UInt64>) -> UIntRun {
        var run = UIntRun()
        while let field = nextField() {
            if run.count < output.count {
                switch parseUInt64(buffer, field) {
                case .success(let value):
                    output[run.count] = value
                    run.count += 1
                case .failure(let error):
                    run.failure = FieldFailure(index: run.count, range: field, error: error)
                    return run
                }
            } else {
                run.extra += 1
                if run.extraAreNumbers && !isUnsignedSyntax(field) { run.extraAreNumbers = false }
            }
        }
        return run
    }

    /// Whether every byte of `range` is an ASCII digit (and there is at least one).
    func isUnsignedSyntax(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for i in range where !isDigit(buffer[i]) { return false }
        return true
    }

    /// Whether `range` holds exactly the ASCII text `literal`.
    @inline(__always)
    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        range.count == literal.utf8CodeUnitCount
            && memcmp(buffer.baseAddress! + range.lowerBound, literal.utf8Start, range.count) == 0
    }

    /// Whether `range` starts with the ASCII text `literal`.
    @inline(__always)
    func hasPrefix(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        range.count >= literal.utf8CodeUnitCount
            && memcmp(buffer.baseAddress! + range.lowerBound, literal.utf8Start, literal.utf8CodeUnitCount) == 0
    }

    /// Decodes a name or key; invalid UTF-8 becomes U+FFFD rather than failing.
    @inline(__always)
    func text(_ range: Range<Int>) -> String {
        String(decoding: Bytes(rebasing: buffer[range]), as: UTF8.self)
    }

    /// A field quoted for an issue message, cut short so a huge field stays readable.
    func quoted(_ range: Range<Int>) -> String {
        let limit = 40
        if range.count <= limit { return "'\(text(range))'" }
        return "'\(text(range.lowerBound..<range.lowerBound + limit))…'"
    }

    /// "field 3 'x' is not an unsigned integer" for issue messages.
    func describe(_ failure: FieldFailure) -> String {
        "field \(failure.index + 1) \(quoted(failure.range)) \(failure.error.phrase())"
    }

    /// Reads the next field as one unsigned value (for "key value" lines), appending an
    /// issue naming `key` when it is missing or malformed.
    mutating func nextUInt64(key: String, issues: inout [ParseIssue]) -> UInt64? {
        guard let field = nextField() else {
            issues.append(ParseIssue(line: number, message: "\(key) has no value; skipped"))
            return nil
        }
        switch parseUInt64(buffer, field) {
        case .success(let value):
            return value
        case .failure(let error):
            issues.append(ParseIssue(line: number, message: "\(key) value \(quoted(field)) \(error.phrase()); skipped"))
            return nil
        }
    }
}
