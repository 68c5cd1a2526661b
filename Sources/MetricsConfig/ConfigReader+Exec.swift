import Collectors
import Foundation
import MetricStore
import Yams

/// `exec:` entries: collector programs (plain lines, Munin plugins, Nagios-style checks).
extension ConfigReader {
    static let execKeys = ["name", "path", "arguments", "environment", "interval", "timeout", "max_output", "prefix", "protocol"]

    /// `baseDirectory` resolves relative paths (the configuration file's folder).
    mutating func readExec(_ node: Node, baseDirectory: String?) -> [ExecProgram] {
        guard case .sequence(let sequence) = node else {
            if node.null == nil { problem(node, "exec", "expected a list of programs, each with name and path") }
            return []
        }
        return sequence.enumerated().compactMap { index, item in readProgram(item, "exec[\(index)]", baseDirectory: baseDirectory) }
    }

    private mutating func readProgram(_ node: Node, _ path: String, baseDirectory: String?) -> ExecProgram? {
        let before = problems.count
        let entries = entries(node, path, known: Self.execKeys)
        guard let name = node["name"].flatMap({ string($0, "\(path).name") }),
              let programPath = node["path"].flatMap({ string($0, "\(path).path") })
        else {
            if node["name"] == nil || node["path"] == nil { problem(node, path, "each program needs name and path") }
            return nil
        }
        let absolute = programPath.hasPrefix("/") ? programPath
            : URL(fileURLWithPath: programPath, relativeTo: URL(fileURLWithPath: (baseDirectory ?? FileManager.default.currentDirectoryPath) + "/")).standardizedFileURL.path
        var program = ExecProgram(name: name, path: absolute)
        var timeout: Double?
        for (key, value) in entries {
            let keyPath = "\(path).\(key)"
            switch key {
            case "arguments": program.arguments = stringList(value, keyPath)
            case "environment": program.environment = Dictionary(stringMap(value, keyPath)) { first, _ in first }
            case "interval": duration(value, keyPath).map { program.interval = $0 }
            case "timeout": milliseconds(value, keyPath).map { timeout = Double($0) / 1_000 }
            case "max_output": byteSize(value, keyPath).map { program.maxOutputBytes = min($0, 64 << 20) }
            case "prefix": string(value, keyPath).map { program.prefix = $0 }
            case "protocol":
                if let text = value.string, let kind = ExecProtocol(rawValue: text) {
                    program.protocol = kind
                } else {
                    problem(value, keyPath, "expected auto, plain, munin or nagios")
                }
            default: break
            }
        }
        program.timeoutSeconds = timeout ?? ExecProgram.defaultTimeout(interval: program.interval)
        do {
            try program.validate()
        } catch {
            problem(node, path, "\(error)")
        }
        if let prefix = program.prefix, (try? MetricName(prefix)) == nil {
            problemAt(node["prefix"], "\(path).prefix", "'\(prefix)' is not a valid metric name prefix")
        }
        return problems.count == before ? program : nil
    }

    mutating func checkUniquePrograms(_ programs: [ExecProgram]) {
        var seen: Set<String> = []
        for program in programs where !seen.insert(program.name).inserted {
            problemAt(nil, "exec", "two programs are named '\(program.name)'; names must be unique")
        }
    }
}
