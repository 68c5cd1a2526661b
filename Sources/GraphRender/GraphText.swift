/// User text on its way into rrd_graph arguments.
///
/// What librrd 1.7.2 does with text (checked by rendering, see GraphTextTests):
/// - graph elements (`LINE`, `AREA`, `COMMENT`, `HRULE`, `VRULE`) are split on `:`; `\:` is a
///   literal colon and no other backslash sequence is unescaped;
/// - a legend that ends in `\` + letter is a layout code (`\n`, `\l`, `\g`, ...); an unknown one
///   (`\x`) fails the whole graph; `\.` is the no-op code;
/// - `%` is literal in legends, comments and option values such as `--title`; it is a format
///   character only inside `GPRINT` formats.
enum GraphText {
    /// Checks text from a spec: one line, no control or bidirectional-override characters, at most
    /// `limit` Unicode scalars (scalars, not characters, so stacked combining marks count too).
    static func validate(_ text: String, field: String, limit: Int) throws(GraphError) {
        let length = text.unicodeScalars.count
        guard length <= limit else { throw .textTooLong(field: field, length: length, limit: limit) }
        guard !text.unicodeScalars.contains(where: isRefused) else { throw .controlCharacter(field: field) }
    }

    /// Text for the last field of a colon-separated element: colons escaped, and the no-op code
    /// `\.` appended when a backslash is among the last two characters, so the text can neither
    /// swallow the next separator nor end in a layout code. When the caller appends a layout code
    /// itself (`endsWithCode`), that code is what librrd reads and no `\.` is needed.
    static func element(_ text: String, endsWithCode: Bool = false) -> String {
        var escaped = text.replacingColons()
        if !endsWithCode, text.unicodeScalars.suffix(2).contains("\\") { escaped += "\\." }
        return escaped
    }

    /// Text inside a `GPRINT` format: as ``element(_:endsWithCode:)``, and `%` doubled.
    static func format(_ text: String) -> String {
        element(text.replacing("%", with: "%%"))
    }

    /// Outside text (an event label) made safe to show: refused characters become spaces, runs of
    /// whitespace one space, and text longer than `limit` is cut with "…". Never throws: one odd
    /// deploy message must not break a wall screen.
    static func sanitized(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let space = isRefused(scalar) || scalar.properties.isWhitespace
            if space, lastWasSpace { continue }
            scalars.append(space ? " " : scalar)
            lastWasSpace = space
        }
        var result = String(scalars)
        while result.last == " " { result.removeLast() }
        guard result.unicodeScalars.count > limit else { return result }
        return String(String.UnicodeScalarView(result.unicodeScalars.prefix(limit - 1))) + "…"
    }

    /// Control characters, line and paragraph separators (pango would break the line), and the
    /// bidirectional overrides and isolates (they can make text read backwards, e.g. U+202E).
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }
}

extension String {
    /// `:` becomes `\:`, the only escape rrd_graph's element splitter knows. Also for file paths.
    func replacingColons() -> String {
        replacing(":", with: "\\:")
    }
}
