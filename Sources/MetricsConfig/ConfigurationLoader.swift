import Collectors
import Foundation
import MetricStore
import Yams

/// Reads a configuration file into a ``DaemonConfiguration``, collecting every problem with its line.
public enum ConfigurationLoader {
    /// Loads `file`, or the embedded default when `file` is nil.
    public static func load(file: String?) throws(ConfigurationError) -> DaemonConfiguration {
        guard let file else {
            return try parse(DefaultConfiguration.yaml, source: DefaultConfiguration.sourceName,
                             baseDirectory: FileManager.default.currentDirectoryPath)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, problems: [ConfigProblem(line: 0, column: 0, key: "", message: "cannot read the file; check the path and its permissions")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, problems: [ConfigProblem(line: 0, column: 0, key: "", message: "the file is not UTF-8 text")])
        }
        return try parse(text, source: file, baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
    }

    /// Parses `text`; with a `baseDirectory`, also the drop-in endpoint files of `endpoint_dir`.
    public static func parse(_ text: String, source: String, baseDirectory: String? = nil) throws(ConfigurationError) -> DaemonConfiguration {
        var reader = ConfigReader()
        reader.baseDirectory = baseDirectory
        var configuration = DaemonConfiguration()
        configuration.source = source
        configuration.baseDirectory = baseDirectory
        if let root = try compose(text, source) { reader.readRoot(root, into: &configuration) }
        if let baseDirectory, reader.problems.isEmpty {
            let added = try dropIns(configuration.endpointDirectory, relativeTo: baseDirectory, reader: &reader)
            configuration.endpoints += added.endpoints
            configuration.programs += added.programs
        }
        reader.checkUniqueNames(configuration.endpoints, node: nil)
        reader.checkUniquePrograms(configuration.programs)
        guard reader.problems.isEmpty else {
            throw ConfigurationError(file: source, problems: reader.problems.sorted { ($0.file ?? "", $0.line, $0.column) < ($1.file ?? "", $1.line, $1.column) })
        }
        return configuration
    }

    private static func compose(_ text: String, _ source: String) throws(ConfigurationError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: source, problems: [syntaxProblem(error)])
        }
    }

    /// Endpoints from every `*.yaml` file of `directory`, in name order; a missing folder is none.
    static func dropIns(_ directory: String, relativeTo base: String, reader: inout ConfigReader) throws(ConfigurationError) -> (endpoints: [Endpoint], programs: [ExecProgram]) {
        let folder = directory.hasPrefix("/") ? directory : base + "/" + directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        var endpoints: [Endpoint] = []
        var programs: [ExecProgram] = []
        for name in names.filter({ $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }).sorted() {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                reader.problems.append(ConfigProblem(line: 0, column: 0, key: "", message: "cannot read this drop-in file", file: path))
                continue
            }
            var fileReader = ConfigReader()
            fileReader.baseDirectory = base
            do {
                if let root = try compose(text, path) {
                    let found = fileReader.readDropIn(root)
                    endpoints += found.endpoints
                    programs += found.programs
                }
            } catch {
                fileReader.problems += error.problems
            }
            reader.problems += fileReader.problems.map { problem in
                var tagged = problem
                tagged.file = path
                return tagged
            }
        }
        return (endpoints, programs)
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
