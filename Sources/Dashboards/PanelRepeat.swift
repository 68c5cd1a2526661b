import GraphRender
import MetricStore

/// `repeat: {host: "hosts.*"}`: one copy of the panel per value the pattern's last segment
/// takes among the stored metric names (`hosts.web1.cpu...` gives `web1`), with `$host` in the
/// title and series patterns replaced by it. A panel per host without writing one per host.
public struct PanelRepeat: Sendable, Equatable {
    public var variable: String
    /// Its last segment is a plain `*`: the one whose values are repeated over.
    public var over: MetricPattern

    /// Copies of one panel at most; the first values in name order are kept.
    public static let maxCopies = 50

    public init(variable: String, over: MetricPattern) {
        self.variable = variable
        self.over = over
    }

    /// `$variable` as written in titles and patterns.
    public var placeholder: String { "$" + variable }

    /// The distinct values of the last segment of `over` among `names`, sorted, at most `maxCopies`.
    public func values(in names: [MetricName]) -> [String] {
        // Names under a match of `over` (hosts.*.**): one pattern, no name rebuilt per name.
        guard let under = try? MetricPattern(over.text + ".**") else { return [] }
        let depth = over.text.split(separator: ".").count
        var found: Set<String> = []
        for name in names where under.matches(name) {
            found.insert(String(name.segments[depth - 1]))
        }
        return Array(found.sorted().prefix(Self.maxCopies))
    }

    /// The reason `text` cannot be repeated over, or nil.
    static func problem(_ text: String) -> String? {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.last == "*", !segments.contains("**") else {
            return "repeat over a pattern whose last segment is '*' (e.g. hosts.*), without '**'"
        }
        return nil
    }

    /// Valid variable names: lower-case letters, digits and '_', starting with a letter.
    static func isVariable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.count <= 32 && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension Dashboard {
    /// The dashboard with each repeated panel replaced by its copies for `names` (a repeated
    /// panel with no value yet stays as written, its `$variable` matching any segment).
    public func expandingRepeats(names: [MetricName]) -> Dashboard {
        guard panels.contains(where: { $0.repeat != nil }) else { return self }
        var copy = self
        var ids = Set(panels.map(\.id))
        copy.panels = panels.flatMap { panel -> [Panel] in
            guard let rule = panel.repeat else { return [panel] }
            let values = rule.values(in: names)
            guard !values.isEmpty else { return [panel] }
            return values.map { value in panel.copy(for: value, of: rule, ids: &ids) }
        }
        return copy
    }
}

extension Panel {
    /// This panel for one value of its repeat: `$variable` replaced, a unique id.
    func copy(for value: String, of rule: PanelRepeat, ids: inout Set<String>) -> Panel {
        var copy = self
        copy.repeat = nil
        copy.title = title?.replacingOccurrences(of: rule.placeholder, with: value)
        copy.series = series.map { item in
            var item = item
            if let template = item.template, let pattern = try? MetricPattern(template.replacingOccurrences(of: rule.placeholder, with: value)) {
                item.pattern = pattern
                item.template = nil
            }
            return item
        }
        let base = String((id + "-" + PanelIDs.slug(value)).prefix(DashboardLimits.idLength))
        var candidate = base, counter = 2
        while !ids.insert(candidate).inserted {
            candidate = "\(base.prefix(DashboardLimits.idLength - 4))-\(counter)"
            counter += 1
        }
        copy.id = candidate
        return copy
    }
}
