/// Why a line was skipped. Holds only a message and where the offending input is; the snippet
/// is rendered when the issue is actually kept, so a flood of bad lines costs no allocations.
struct LineError: Error {
    var message: String
    /// The input range to quote after the message, if any.
    var start: Int
    var end: Int

    init(_ message: String) {
        self.message = message
        self.start = 0
        self.end = 0
    }

    init(_ message: String, _ start: Int, _ end: Int) {
        self.message = message
        self.start = start
        self.end = max(start, end)
    }

    /// `message: <snippet>`.
    func render(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        end > start ? message + ": " + Snippet.render(buf, start, end) : message
    }
}

enum Snippet {
    static let maxBytes = 48

    /// Up to `maxBytes` of the input from `start`, made printable, "…" when cut, so hostile
    /// lines cannot bloat issues.
    static func render(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let stop = min(end, start + maxBytes)
        // Invalid UTF-8 (and a multi-byte character cut at `stop`) becomes U+FFFD.
        let text = String(decoding: buf.slice(start, stop), as: UTF8.self)
        var out = ""
        out.reserveCapacity(stop - start + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return stop < end ? out + "…" : out
    }
}
