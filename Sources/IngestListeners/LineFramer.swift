/// Splits a TCP byte stream into batches of complete lines. An unfinished line is kept until its
/// newline arrives, and at most `maxLine` bytes of it: a client that never sends a newline must
/// not grow memory without bound. Memory per connection is one read plus `maxLine`.
struct LineFramer {
    let maxLine: Int
    private var pending: [UInt8] = []

    init(maxLine: Int) { self.maxLine = maxLine }

    enum Outcome: Equatable {
        case ok
        /// An unfinished line passed the limit: the connection should be closed.
        case lineTooLong
    }

    /// Appends `bytes` and calls `body` once with every complete line so far (each ending in `\n`).
    mutating func append(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) -> Outcome {
        if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
            let complete = UnsafeRawBufferPointer(rebasing: bytes[...lastNewline])
            if pending.isEmpty {
                body(complete)
            } else {
                pending.append(contentsOf: complete)
                pending.withUnsafeBytes { body($0) }
                pending.removeAll(keepingCapacity: true)
            }
            pending.append(contentsOf: bytes[(lastNewline + 1)...])
        } else {
            pending.append(contentsOf: bytes)
        }
        return pending.count > maxLine ? .lineTooLong : .ok
    }

    /// What is left when the connection closes: a last line without its newline.
    mutating func finish(_ body: (UnsafeRawBufferPointer) -> Void) {
        guard !pending.isEmpty else { return }
        pending.append(UInt8(ascii: "\n"))
        pending.withUnsafeBytes { body($0) }
        pending.removeAll()
    }
}
