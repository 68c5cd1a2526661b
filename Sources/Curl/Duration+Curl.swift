extension Duration {
    /// "500 ms" below a second, "2.5 s" above: short enough for a log line.
    var readable: String {
        let ms = milliseconds
        if ms < 1000 { return "\(ms) ms" }
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return "\(Double(ms) / 1000) s"
    }

    /// Whole milliseconds, rounded down; what curl's *_MS options take.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
