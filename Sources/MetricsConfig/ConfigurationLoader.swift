import Foundation
import MetricStore
import Yams

/// Reads a configuration file into a ``DaemonConfiguration``, collecting every problem with its line.
public enum ConfigurationLoader {
    /// Loads `file`, or the embedded default when `file` is nil.
    public static func load(file: String?) throws(ConfigurationError) -> DaemonConfiguration {
        guard let file else { return try parse(DefaultConfiguration.yaml, source: DefaultConfiguration.sourceName) }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, problems: [ConfigProblem(line: 0, column: 0, key: "", message: "cannot read the file; check the path and its permissions")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, problems: [ConfigProblem(line: 0, column: 0, key: "", message: "the file is not UTF-8 text")])
        }
        return try parse(text, source: file)
    }

    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> DaemonConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: source, problems: [syntaxProblem(error)])
        }
        var reader = ConfigReader()
        var configuration = DaemonConfiguration()
        configuration.source = source
        if let root { reader.readRoot(root, into: &configuration) }
        guard reader.problems.isEmpty else {
            throw ConfigurationError(file: source, problems: reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return configuration
    }

    private static func syntaxProblem(_ error: any Error) -> ConfigProblem {
        guard let yaml = error as? YamlError else {
            return ConfigProblem(line: 0, column: 0, key: "", message: "YAML syntax error: \(error)")
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return ConfigProblem(line: mark.line, column: mark.column, key: "", message: "YAML syntax error: \(problem)\(where_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigProblem(line: context.mark.line, column: context.mark.column, key: "",
                                 message: "duplicate key \(duplicates.joined(separator: ", ")); keep one")
        default:
            return ConfigProblem(line: 0, column: 0, key: "", message: "YAML syntax error: \(yaml)")
        }
    }
}
