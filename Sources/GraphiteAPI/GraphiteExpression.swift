/// A parsed Graphite target: a metric path (with globs) or a function call over targets.
public indirect enum GraphiteExpression: Sendable, Equatable {
    case path(String)
    case call(name: String, arguments: [GraphiteArgument], named: [String: GraphiteArgument])

    /// The first path in the expression, depth first (what `aliasByNode` takes nodes from).
    public var firstPath: String? {
        switch self {
        case .path(let path): return path
        case .call(_, let arguments, _):
            for argument in arguments { if case .series(let inner) = argument, let path = inner.firstPath { return path } }
            return nil
        }
    }
}

/// One argument of a call. Numbers keep their text: series names quote them as written.
public enum GraphiteArgument: Sendable, Equatable {
    case series(GraphiteExpression)
    case string(String)
    case number(Double, text: String)
    case bool(Bool)
    case none
}
