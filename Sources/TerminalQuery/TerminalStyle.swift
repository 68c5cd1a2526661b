/// ANSI styling, or none: colour only on a terminal, never with `NO_COLOR` or when piped.
public struct TerminalStyle: Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty and `TERM` is not
    /// `dumb` (https://no-color.org).
    public static func detect(isTerminal: Bool, environment: [String: String]) -> TerminalStyle {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        return TerminalStyle(colour: isTerminal && !noColour && environment["TERM"] != "dumb")
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        colour && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
