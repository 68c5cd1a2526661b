/// One call's arguments, read by position or by Graphite's parameter name, with errors that
/// name the function and say what to pass.
struct FunctionCall {
    let name: String
    let arguments: [GraphiteArgument]
    let named: [String: GraphiteArgument]

    func argument(_ position: Int, _ parameter: String) -> GraphiteArgument? {
        if position < arguments.count { return arguments[position] }
        return named[parameter]
    }

    func bad(_ message: String) -> GraphiteError { .badArgument(function: name, message: message) }

    func expression(_ position: Int, _ parameter: String) throws(GraphiteError) -> GraphiteExpression {
        guard case .series(let expression) = argument(position, parameter) else {
            throw bad("argument \(position + 1) (\(parameter)) must be a series: a metric path or a function call")
        }
        return expression
    }

    func string(_ position: Int, _ parameter: String) throws(GraphiteError) -> String {
        guard let value = try optionalString(position, parameter) else { throw bad("give \(parameter) as a quoted string, e.g. '...'") }
        return value
    }

    func optionalString(_ position: Int, _ parameter: String) throws(GraphiteError) -> String? {
        switch argument(position, parameter) {
        case nil, .none?: return nil
        case .string(let text)?: return text
        default: throw bad("\(parameter) must be a quoted string")
        }
    }

    func number(_ position: Int, _ parameter: String) throws(GraphiteError) -> (value: Double, text: String) {
        guard let value = try optionalNumber(position, parameter) else { throw bad("give \(parameter) as a number") }
        return value
    }

    func optionalNumber(_ position: Int, _ parameter: String) throws(GraphiteError) -> (value: Double, text: String)? {
        switch argument(position, parameter) {
        case nil, .none?: return nil
        case .number(let value, let text)?: return (value, text)
        default: throw bad("\(parameter) must be a number")
        }
    }

    func bool(_ position: Int, _ parameter: String, default fallback: Bool) throws(GraphiteError) -> Bool {
        switch argument(position, parameter) {
        case nil, .none?: return fallback
        case .bool(let value)?: return value
        case .number(let value, _)?: return value != 0
        default: throw bad("\(parameter) must be true or false")
        }
    }

    /// Refuses arguments past `count` and unknown parameter names, so a typo is not ignored.
    func expect(atMost count: Int, parameters: [String]) throws(GraphiteError) {
        guard arguments.count <= count else { throw bad("takes at most \(count) arguments, got \(arguments.count)") }
        for key in named.keys where !parameters.contains(key) {
            throw bad("has no parameter \(key); its parameters are \(parameters.joined(separator: ", "))")
        }
    }
}
