import GraphRender
import MetricStore
import RRD
import YAMLReading
import Yams

/// Reads a dashboard's YAML tree into a ``Dashboard``, recording each problem at its line.
struct DashboardReader {
    var yaml: YAMLReader<DashboardProblem>

    init(file: String) {
        yaml = YAMLReader { DashboardProblem(file: file, line: $0, column: $1, key: $2, message: $3) }
    }

    mutating func read(_ root: Node, name: String) -> Dashboard {
        var dashboard = Dashboard(name: name, title: name)
        var panelsNode: Node?
        for (key, value) in yaml.entries(root, "", known: ["title", "refresh", "from", "columns", "panels", "events"]) {
            switch key {
            case "title": yaml.string(value, key).map { dashboard.title = $0 }
            case "refresh": dashboard.refresh = yaml.duration(value, key)
            case "from": readFrom(value).map { dashboard.from = $0 }
            case "columns": yaml.integer(value, key, DashboardLimits.columns).map { dashboard.columns = $0 }
            case "panels": panelsNode = value
            case "events": readEvents(value, key).map { dashboard.events = $0 }
            default: break
            }
        }
        if let panelsNode { dashboard.panels = readPanels(panelsNode, columns: dashboard.columns) }
        if let problem = PanelCheck.text(dashboard.title, field: "title", limit: GraphLimits.titleLength) {
            yaml.problem(root["title"] ?? root, "title", problem)
        }
        return dashboard
    }

    private mutating func readFrom(_ node: Node) -> String? {
        guard let text = yaml.string(node, "from") else { return nil }
        if let message = PanelCheck.from(text) {
            yaml.problem(node, "from", message)
            return nil
        }
        return text
    }

    private mutating func readPanels(_ node: Node, columns: Int) -> [Panel] {
        guard case .sequence(let sequence) = node else {
            yaml.problem(node, "panels", "expected a list of panels, each with a type (graph, number or text)")
            return []
        }
        if sequence.count > DashboardLimits.panels {
            yaml.problem(node, "panels", "\(sequence.count) panels; the limit is \(DashboardLimits.panels), split the dashboard")
        }
        var panels: [Panel] = []
        var ids = PanelIDs()
        for (index, item) in sequence.prefix(DashboardLimits.panels).enumerated() {
            let path = "panels[\(index)]"
            guard var panel = readPanel(item, path, columns: columns) else { continue }
            switch ids.assign(explicit: panel.id.isEmpty ? nil : panel.id, title: panel.title, index: index) {
            case .success(let id): panel.id = id
            case .failure(let message): yaml.problem(item["id"] ?? item, "\(path).id", message.description)
            }
            panels.append(panel)
        }
        return panels
    }

    private mutating func readPanel(_ node: Node, _ path: String, columns: Int) -> Panel? {
        let keys = ["id", "type", "title", "width", "height", "text", "series", "unit", "base", "thresholds", "y_axis", "vertical_label", "events", "repeat"]
        let before = yaml.problems.count
        var panel = Panel(id: "", kind: .graph, width: min(6, columns))
        var sawType = false
        for (key, value) in yaml.entries(node, path, known: keys) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "id": yaml.string(value, keyPath).map { panel.id = $0 }
            case "type":
                sawType = true
                yaml.choice(value, keyPath, Panel.Kind.self).map { panel.kind = $0 }
            case "title": panel.title = yaml.string(value, keyPath)
            case "width": yaml.integer(value, keyPath, 1...columns).map { panel.width = $0 }
            case "height": yaml.integer(value, keyPath, DashboardLimits.panelHeight).map { panel.height = $0 }
            case "text": panel.text = yaml.string(value, keyPath)
            case "series": panel.series = readSeriesList(value, keyPath)
            case "unit": panel.unit = yaml.string(value, keyPath)
            case "base":
                guard let number = yaml.integer(value, keyPath, 1000...1024), let base = GraphSpec.UnitBase(rawValue: number) else {
                    if yaml.problems.count == before { yaml.problem(value, keyPath, "expected 1000, or 1024 for bytes") }
                    continue
                }
                panel.base = base
            case "thresholds": panel.thresholds = readThresholds(value, keyPath)
            case "y_axis": readYAxis(value, keyPath).map { panel.yAxis = $0 }
            case "vertical_label": panel.verticalLabel = yaml.string(value, keyPath)
            case "events": panel.events = readEvents(value, keyPath)
            case "repeat": panel.repeat = readRepeat(value, keyPath)
            default: break
            }
        }
        guard yaml.problems.count == before else { return nil }
        if let message = Self.repeatProblem(panel) { yaml.problem(node, path, message) }
        if !sawType { yaml.problem(node, path, "missing 'type'; use graph, number or text") }
        for message in PanelCheck.problems(panel) { yaml.problem(node, path, message) }
        return yaml.problems.count == before ? panel : nil
    }

    private mutating func readSeriesList(_ node: Node, _ path: String) -> [PanelSeries] {
        guard case .sequence(let sequence) = node else {
            yaml.problem(node, path, "expected a list of metric patterns, e.g. [host.load.1] or [{metric: host.cpu.total.*, style: area}]")
            return []
        }
        var result: [PanelSeries] = []
        for (index, item) in sequence.enumerated() {
            if let series = readSeries(item, "\(path)[\(index)]") { result.append(series) }
        }
        return result
    }

    /// `repeat: {host: "hosts.*"}`: one variable and the pattern whose last segment it takes.
    private mutating func readRepeat(_ node: Node, _ path: String) -> PanelRepeat? {
        guard case .mapping(let mapping) = node, mapping.count == 1, let (key, value) = mapping.first, let variable = key.string else {
            yaml.problem(node, path, "expected one variable and the pattern it takes its values from, e.g. {host: \"hosts.*\"}")
            return nil
        }
        guard PanelRepeat.isVariable(variable) else {
            yaml.problem(key, path, "variable '\(variable.prefix(40))' must be lower-case letters, digits and '_', starting with a letter")
            return nil
        }
        guard let text = yaml.string(value, "\(path).\(variable)") else { return nil }
        if let message = PanelRepeat.problem(text) {
            yaml.problem(value, "\(path).\(variable)", message)
            return nil
        }
        return pattern(value, "\(path).\(variable)").map { PanelRepeat(variable: variable, over: $0) }
    }

    /// A panel's `$variables` and its repeat must agree.
    static func repeatProblem(_ panel: Panel) -> String? {
        let used = Set(panel.series.compactMap(\.template).flatMap(Self.variables))
        guard let rule = panel.repeat else {
            return used.isEmpty ? nil : "series use \(used.sorted().map { "$" + $0 }.joined(separator: ", ")) but the panel has no 'repeat', e.g. repeat: {\(used.sorted()[0]): \"hosts.*\"}"
        }
        if let other = used.first(where: { $0 != rule.variable }) { return "series use $\(other) but the panel repeats over $\(rule.variable)" }
        if used.isEmpty { return "the panel repeats over $\(rule.variable) but no series pattern uses it, e.g. hosts.$\(rule.variable).cpu.total.user" }
        return nil
    }

    /// The `$name`s in a pattern template.
    static func variables(_ template: String) -> [String] {
        template.split(separator: "$").dropFirst().map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "_" }) }
    }

    /// A plain pattern, or a mapping with `metric` and drawing options.
    private mutating func readSeries(_ node: Node, _ path: String) -> PanelSeries? {
        if case .scalar = node {
            return seriesPattern(node, path)
        }
        let keys = ["metric", "cf", "style", "line_width", "stack", "color", "legend", "band", "last_week", "aggregate"]
        var series: PanelSeries?
        var sawMetric = false
        var options: [(String, Node)] = []
        let before = yaml.problems.count
        for (key, value) in yaml.entries(node, path, known: keys) {
            guard key == "metric" else {
                options.append((key, value))
                continue
            }
            sawMetric = true
            series = seriesPattern(value, "\(path).metric")
        }
        guard var series else {
            if !sawMetric, yaml.problems.count == before {
                yaml.problem(node, path, "missing 'metric' (a metric name or pattern such as host.cpu.*)")
            }
            return nil
        }
        var width = 2.0
        var area = false
        for (key, value) in options {
            let keyPath = "\(path).\(key)"
            switch key {
            case "cf": yaml.choice(value, keyPath, Consolidation.self, uppercased: true).map { series.cf = $0 }
            case "style":
                switch value.scalar?.string {
                case "line": area = false
                case "area": area = true
                default: yaml.problem(value, keyPath, "expected line or area, got '\(YAMLText.shown(value))'")
                }
            case "line_width": yaml.number(value, keyPath).map { width = $0 }
            case "stack": yaml.bool(value, keyPath).map { series.stack = $0 }
            case "color":
                guard let text = yaml.string(value, keyPath) else { continue }
                do { series.color = try GraphColor(text) } catch { yaml.problem(value, keyPath, error.description) }
            case "legend": series.legend = yaml.string(value, keyPath)
            case "band": yaml.bool(value, keyPath).map { series.band = $0 }
            case "last_week": yaml.bool(value, keyPath).map { series.lastWeek = $0 }
            case "aggregate": yaml.choice(value, keyPath, SeriesAggregate.self).map { series.aggregate = $0 }
            default: break
            }
        }
        series.style = area ? .area : .line(width: width)
        return series
    }

    /// A series' pattern; one with `$variable` keeps its text as a template and matches any
    /// segment in the variable's place until its panel is repeated.
    private mutating func seriesPattern(_ node: Node, _ path: String) -> PanelSeries? {
        guard let text = yaml.string(node, path), text.contains("$") else { return pattern(node, path).map { PanelSeries(pattern: $0) } }
        var wildcard = text
        for variable in Self.variables(text) { wildcard = wildcard.replacingOccurrences(of: "$" + variable, with: "*") }
        do {
            var series = PanelSeries(pattern: try MetricPattern(wildcard))
            series.template = text
            return series
        } catch {
            yaml.problem(node, path, error.description)
            return nil
        }
    }

    private mutating func pattern(_ node: Node, _ path: String) -> MetricPattern? {
        guard let text = yaml.string(node, path) else { return nil }
        do {
            return try MetricPattern(text)
        } catch {
            yaml.problem(node, path, error.description)
            return nil
        }
    }

    private mutating func readThresholds(_ node: Node, _ path: String) -> [GraphThreshold] {
        guard case .sequence(let sequence) = node else {
            yaml.problem(node, path, "expected a list such as [{value: 90, color: '#FF0000', label: busy}]")
            return []
        }
        var result: [GraphThreshold] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            var threshold: GraphThreshold?
            var color: GraphColor?, label: String?
            for (key, value) in yaml.entries(item, itemPath, known: ["value", "color", "label"]) {
                let keyPath = "\(itemPath).\(key)"
                switch key {
                case "value": threshold = yaml.number(value, keyPath).map { GraphThreshold(value: $0) }
                case "color":
                    guard let text = yaml.string(value, keyPath) else { continue }
                    do { color = try GraphColor(text) } catch { yaml.problem(value, keyPath, error.description) }
                case "label": label = yaml.string(value, keyPath)
                default: break
                }
            }
            guard var threshold else {
                if case .mapping = item { yaml.problem(item, itemPath, "missing 'value'") }
                continue
            }
            threshold.color = color
            threshold.label = label
            result.append(threshold)
        }
        return result
    }

    private mutating func readYAxis(_ node: Node, _ path: String) -> GraphSpec.YAxis? {
        var axis = GraphSpec.YAxis()
        for (key, value) in yaml.entries(node, path, known: ["min", "max", "rigid", "log"]) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "min": axis.lowerLimit = yaml.number(value, keyPath)
            case "max": axis.upperLimit = yaml.number(value, keyPath)
            case "rigid": yaml.bool(value, keyPath).map { axis.rigid = $0 }
            case "log": yaml.bool(value, keyPath).map { axis.logarithmic = $0 }
            default: break
            }
        }
        return axis
    }
}
