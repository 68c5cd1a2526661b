/// The lines of a datagram or a batch of TCP lines: split at `\n`, a `\r` before it dropped.
/// Empty lines are passed on; each protocol decides what a blank line means.
enum Lines {
    static func forEach(in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        let count = bytes.count
        var start = 0
        while start < count {
            var end = start
            while end < count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            body(UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd]))
            start = end + 1
        }
    }
}
