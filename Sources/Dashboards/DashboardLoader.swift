import Foundation
import Yams

/// Reads dashboard files: `NAME.yaml` in the dashboards folder, one dashboard each.
public enum DashboardLoader {
    /// Parses one file's text; `name` is the file name without `.yaml`.
    public static func parse(_ text: String, name: String, file: String) throws(DashboardError) -> Dashboard {
        var reader = DashboardReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw DashboardError(problems: [syntaxProblem(error, file: file)])
        }
        guard let root else {
            throw DashboardError(problems: [DashboardProblem(file: file, line: 1, column: 1, key: "", message: "the file is empty; give at least a title and panels")])
        }
        let dashboard = reader.read(root, name: name)
        guard reader.yaml.problems.isEmpty else { throw DashboardError(problems: reader.yaml.problems) }
        return dashboard
    }

    /// Reads `path`, whose name (without `.yaml`/`.yml`) must be a plain name: it is a URL segment.
    public static func load(file path: String) throws(DashboardError) -> Dashboard {
        let fileName = (path as NSString).lastPathComponent
        let name = dashboardName(fileName) ?? ""
        func fail(_ message: String) -> DashboardError {
            DashboardError(problems: [DashboardProblem(file: path, line: 0, column: 0, key: "", message: message)])
        }
        guard isPlainName(name) else {
            throw fail("the file name must be NAME.yaml with NAME of letters, digits, '-' and '_' (it becomes the URL /dashboards/NAME); rename it")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("cannot read the file; check its permissions") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: DashboardLimits.fileSize + 1)) ?? Data()
        guard data.count <= DashboardLimits.fileSize else {
            throw fail("the file is larger than \(DashboardLimits.fileSize / 1024) KiB; split it")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("the file is not UTF-8 text") }
        return try parse(text, name: name, file: path)
    }

    /// Every dashboard file of `directory` in name order, and the problems of those that cannot
    /// be used. A missing folder has no dashboards and no problems.
    public static func loadDirectory(_ directory: String) -> (dashboards: [Dashboard], problems: [DashboardProblem]) {
        var dashboards: [Dashboard] = []
        var problems: [DashboardProblem] = []
        for path in files(in: directory) {
            do { dashboards.append(try load(file: path)) } catch { problems += error.problems }
        }
        return (dashboards, problems)
    }

    /// Paths of the `*.yaml` and `*.yml` files of `directory`, in name order, at most
    /// ``DashboardLimits/files``.
    static func files(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { dashboardName($0) != nil && !$0.hasPrefix(".") }.sorted()
            .prefix(DashboardLimits.files).map { directory + "/" + $0 }
    }

    static func dashboardName(_ fileName: String) -> String? {
        for suffix in [".yaml", ".yml"] where fileName.hasSuffix(suffix) { return String(fileName.dropLast(suffix.count)) }
        return nil
    }

    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }

    private static func syntaxProblem(_ error: any Error, file: String) -> DashboardProblem {
        guard let yaml = error as? YamlError else {
            return DashboardProblem(file: file, line: 0, column: 0, key: "", message: "YAML syntax error: \(error)")
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return DashboardProblem(file: file, line: mark.line, column: mark.column, key: "", message: "YAML syntax error: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DashboardProblem(file: file, line: context.mark.line, column: context.mark.column, key: "",
                                    message: "duplicate key \(duplicates.joined(separator: ", ")); keep one")
        default:
            return DashboardProblem(file: file, line: 0, column: 0, key: "", message: "YAML syntax error: \(yaml)")
        }
    }
}
