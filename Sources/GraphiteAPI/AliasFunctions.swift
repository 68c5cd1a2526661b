import Foundation

/// `alias`, `aliasSub` and `aliasByNode`: they change names, never values.
enum AliasFunctions {
    static func apply(_ call: FunctionCall, _ series: [GraphiteSeries]) throws(GraphiteError) -> [GraphiteSeries] {
        switch call.name {
        case "alias":
            try call.expect(atMost: 2, parameters: ["seriesList", "newName"])
            let newName = try call.string(1, "newName")
            return series.map { var one = $0; one.name = newName; return one }
        case "aliasSub":
            try call.expect(atMost: 3, parameters: ["seriesList", "search", "replace"])
            let regex = try Self.regex(call.string(1, "search"), call)
            let template = Self.template(try call.string(2, "replace"))
            return series.map { one in
                var one = one
                let range = NSRange(one.name.startIndex..., in: one.name)
                one.name = regex.stringByReplacingMatches(in: one.name, range: range, withTemplate: template)
                return one
            }
        default:
            var nodes: [Int] = []
            for argument in call.arguments.dropFirst() {
                guard case .number(let value, _) = argument, value == value.rounded(), abs(value) < 1_000 else {
                    throw call.bad("nodes must be whole numbers such as 1 or -1 (tag names are not supported)")
                }
                nodes.append(Int(value))
            }
            guard !nodes.isEmpty else { throw call.bad("give at least one node number, e.g. aliasByNode(host.*.load, 1)") }
            return series.map { one in
                var one = one
                one.name = byNode(one.name, nodes)
                return one
            }
        }
    }

    /// The nodes of the first metric path in `name` (`scale(a.b.c,2)` takes them from `a.b.c`);
    /// a node past either end is empty, as in Graphite 1.1.
    static func byNode(_ name: String, _ nodes: [Int]) -> String {
        let path = (try? GraphiteParser.parse(name))?.firstPath ?? name
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        return nodes.map { node in
            let index = node < 0 ? parts.count + node : node
            return parts.indices.contains(index) ? String(parts[index]) : ""
        }.joined(separator: ".")
    }

    /// Python's `re` syntax is close to ICU's for what aliasSub is used for. Patterns are short
    /// and nested quantifiers (`(a+)+`), the backtracking traps, are refused: names are matched
    /// on the request's task.
    static func regex(_ pattern: String, _ call: FunctionCall) throws(GraphiteError) -> NSRegularExpression {
        guard pattern.count <= GraphiteLimits.maxRegexLength else {
            throw call.bad("search is longer than \(GraphiteLimits.maxRegexLength) characters")
        }
        guard !hasNestedQuantifier(pattern) else {
            throw call.bad("search has a repeated group that itself repeats, such as (a+)+; write it without the nesting")
        }
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw call.bad("search is not a valid regular expression: \(pattern)")
        }
    }

    /// A group holding a quantifier, followed by a quantifier.
    static func hasNestedQuantifier(_ pattern: String) -> Bool {
        var stack: [Bool] = []  // per open group: does it hold a quantifier?
        var previousClosedQuantified = false
        var escaped = false
        for character in pattern {
            defer { if character != ")" { previousClosedQuantified = false } }
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "(": stack.append(false)
            case ")":
                let quantified = stack.popLast() ?? false
                if quantified, !stack.isEmpty { stack[stack.count - 1] = true }
                previousClosedQuantified = quantified
                continue
            case "+", "*", "{", "?":
                if previousClosedQuantified, character != "?" { return true }
                if character != "?", !stack.isEmpty { stack[stack.count - 1] = true }
            default: break
            }
        }
        return false
    }

    /// Python's `\1` and `\g<1>` back-references as ICU's `$1`; a literal `$` escaped.
    static func template(_ replace: String) -> String {
        var result = ""
        var characters = Array(replace)[...]
        while let character = characters.popFirst() {
            if character == "$" { result += "\\$"; continue }
            guard character == "\\", let next = characters.first else { result.append(character); continue }
            if next.isNumber {
                characters.removeFirst()
                result += "$\(next)"
            } else if next == "g", characters.dropFirst().first == "<", let close = characters.firstIndex(of: ">") {
                result += "$" + String(characters[characters.index(characters.startIndex, offsetBy: 2)..<close])
                characters = characters[(close + 1)...]
            } else {
                characters.removeFirst()
                result += next == "\\" ? "\\\\" : String(next)
            }
        }
        return result
    }
}
