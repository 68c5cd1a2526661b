/// Parses Graphite `target` expressions:
///
///     target   = call | path
///     call     = name "(" [argument ("," argument)*] ")"
///     argument = [name "="] (call | path | 'string' | "string" | number | true | false | None)
///     path     = metric characters and globs: * ? [a-z] {a,b}  (commas only inside braces)
///
/// Bounded: at most `GraphiteLimits.maxTargetLength` bytes, `maxDepth` nested calls and
/// `maxArguments` per call. Function names are checked when evaluated.
public struct GraphiteParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    public static func parse(_ target: String) throws(GraphiteError) -> GraphiteExpression {
        guard target.utf8.count <= GraphiteLimits.maxTargetLength else { throw .targetTooLong(length: target.utf8.count) }
        var parser = GraphiteParser(bytes: Array(target.utf8))
        parser.skipSpaces()
        guard parser.index < parser.bytes.count else { throw .syntax("the target is empty; give a metric path such as host.load.1", position: 0) }
        let expression = try parser.expression()
        parser.skipSpaces()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected '\(parser.character)' after the end of the target") }
        return expression
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    private var character: String { current.map { String(decoding: [$0], as: UTF8.self) } ?? "end" }

    private func error(_ message: String) -> GraphiteError { .syntax(message, position: index) }

    private mutating func skipSpaces() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// A call or a path: the same characters start both; a `(` after a name makes it a call.
    private mutating func expression() throws(GraphiteError) -> GraphiteExpression {
        let start = index
        let word = try pathText()
        skipSpaces()
        guard current == UInt8(ascii: "(") else { return .path(word) }
        guard Self.isName(word) else { index = start; throw error("'\(word)' is not a function name") }
        index += 1
        depth += 1
        guard depth <= GraphiteLimits.maxDepth else { throw .tooDeep }
        defer { depth -= 1 }
        var arguments: [GraphiteArgument] = []
        var named: [String: GraphiteArgument] = [:]
        skipSpaces()
        if current == UInt8(ascii: ")") { index += 1; return .call(name: word, arguments: [], named: [:]) }
        while true {
            guard arguments.count + named.count < GraphiteLimits.maxArguments else {
                throw error("more than \(GraphiteLimits.maxArguments) arguments in \(word)()")
            }
            skipSpaces()
            if let key = namedKey() {
                guard named[key] == nil else { throw error("argument \(key) given twice") }
                named[key] = try argument()
            } else {
                guard named.isEmpty else { throw error("a positional argument follows a named one in \(word)()") }
                arguments.append(try argument())
            }
            skipSpaces()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: ")"): index += 1; return .call(name: word, arguments: arguments, named: named)
            default: throw error("expected ',' or ')' in \(word)(), found '\(character)'")
            }
        }
    }

    /// `name=` before an argument (and not `name==`): consumed when present.
    private mutating func namedKey() -> String? {
        var end = index
        while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
        var after = end
        while after < bytes.count, bytes[after] == UInt8(ascii: " ") { after += 1 }
        guard end > index, after < bytes.count, bytes[after] == UInt8(ascii: "="),
              after + 1 >= bytes.count || bytes[after + 1] != UInt8(ascii: "=") else { return nil }
        let key = String(decoding: bytes[index..<end], as: UTF8.self)
        index = after + 1
        skipSpaces()
        return key
    }

    private mutating func argument() throws(GraphiteError) -> GraphiteArgument {
        skipSpaces()
        guard let byte = current else { throw error("the target ends inside a call; close it with ')'") }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return .string(try quoted(byte)) }
        if let number = number() { return number }
        let start = index
        let expression = try expression()
        if case .path(let word) = expression {
            switch word.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "none": return .none
            default: if word.isEmpty { index = start; throw error("expected an argument, found '\(character)'") }
            }
        }
        return .series(expression)
    }

    /// A quoted string; `\'`, `\"` and `\\` are unescaped, other backslashes kept (`\1` in aliasSub).
    private mutating func quoted(_ quote: UInt8) throws(GraphiteError) -> String {
        let start = index
        index += 1
        var text: [UInt8] = []
        while let byte = current {
            index += 1
            if byte == quote { return String(decoding: text, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), let next = current, next == quote || next == UInt8(ascii: "\\") {
                text.append(next)
                index += 1
            } else {
                text.append(byte)
            }
        }
        index = start
        throw error("a string is not closed; end it with \(String(decoding: [quote], as: UTF8.self))")
    }

    /// A number when the argument is one whole number token (`-1`, `2.5`, `1e3`), else nil.
    private mutating func number() -> GraphiteArgument? {
        var end = index
        while end < bytes.count, Self.isNumberByte(bytes[end]) { end += 1 }
        guard end > index else { return nil }
        var after = end
        while after < bytes.count, bytes[after] == UInt8(ascii: " ") { after += 1 }
        guard after == bytes.count || bytes[after] == UInt8(ascii: ",") || bytes[after] == UInt8(ascii: ")") else { return nil }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        index = end
        return .number(value, text: text)
    }

    /// Path characters; commas only inside `{...}`, and brackets must close.
    private mutating func pathText() throws(GraphiteError) -> String {
        let start = index
        var braces = false, brackets = false
        while let byte = current {
            if byte == UInt8(ascii: "{") { guard !braces else { throw error("'{' inside '{...}'") }; braces = true }
            else if byte == UInt8(ascii: "}") { guard braces else { break }; braces = false }
            else if byte == UInt8(ascii: "[") { guard !brackets else { throw error("'[' inside '[...]'") }; brackets = true }
            else if byte == UInt8(ascii: "]") { guard brackets else { break }; brackets = false }
            else if byte == UInt8(ascii: ",") { guard braces else { break } }
            else if !Self.isPathByte(byte) { break }
            index += 1
        }
        guard !braces, !brackets else { throw error("a '{' or '[' in a path is not closed") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
